"""The engine: transcripts, speech-to-text, segmentation, brief writing,
parsing, verification and rendering. Plain Python: nothing under this package
imports Django, prints, or reaches the network on its default path.
"""

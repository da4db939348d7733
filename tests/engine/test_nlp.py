"""The shared spaCy pipeline: loads from the installed package and caches parses."""

from podium.engine import nlp


def test_parses_sentences_entities_and_lemmas():
    doc = nlp.parse("The minister rejected the claim. Canada signed the Paris Agreement in 2015.")
    assert [s.text for s in doc.sents] == [
        "The minister rejected the claim.",
        "Canada signed the Paris Agreement in 2015.",
    ]
    assert {e.text: e.label_ for e in doc.ents}["2015"] == "DATE"
    assert [t.lemma_ for t in doc if t.pos_ == "VERB"] == ["reject", "sign"]


def test_a_text_is_parsed_once():
    nlp.clear_cache()
    first = nlp.parse("Fees will not rise next year.")
    again = nlp.parse_many(["Fees will not rise next year.", "Another sentence here."])
    assert again[0] is first
    assert again[1].text == "Another sentence here."

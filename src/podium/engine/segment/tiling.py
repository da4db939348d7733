"""Topic segmentation: where one discussion ends and the next begins.

An embedding TextTiling (Hearst 1997, with sentence embeddings in place of
word counts, as in Solbiati et al. 2021): at every gap between two blocks,
compare the mean embedding of the words before the gap with the mean of the
words after it; a discussion ends where that similarity dips deeply. Three
cues of spoken events sharpen the dips: a change in *who* is talking (the
word-share of each speaker before and after the gap: in a hearing a new
member takes the questions, on a panel the moderator turns to a new
panellist), a long pause, and a transition phrase at the start of the next
block ("moving on to", "my next question"). Boundaries are the deepest dips
above a threshold, kept at least `min_topic_seconds` apart and added until no
topic is longer than `max_topic_seconds`.

Hearings and Q&A sessions have a stronger cue: a new topic starts when a new
member takes the questions (`handover_gaps`). Roles come from the turns
(`speaker_roles`): witnesses answer the questions put to them, the chair gives
the floor to the most different speakers, members are the others who ask
questions (turns with a question mark); a hand-over is the first turn of a member
other than the last one who asked, moved back to the chair's turn just before
it ("The next questions are from Hefin David."). Each boundary the dips chose
is moved to the nearest hand-over within `handover_snap_seconds`: the dips
say *that* the discussion changes and how often, the hand-over says exactly
*where*. (Tried on the QMSum train meetings and not kept: a bonus for
hand-over gaps, and allowing boundaries only at hand-overs — committees
where every member asks for five minutes have far more hand-overs than
topics; see docs/writing.md.) `SegmentOptions.handover_ranker` instead lets a
logistic regression fitted on QMSum train choose the hand-overs
(`podium.engine.segment.ranker`); it is off because it did not beat the dips
on val. `count_prior` (off by default, `SegmentOptions.min_topics` /
`max_topics`) can hold the number of topics within a range; it too helped on
train and not on val.

The embeddings come from `podium.engine.embed` (all-MiniLM-L6-v2, ONNX);
numpy does the rest.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

import numpy as np

from podium.engine.progress import Progress, no_progress
from podium.engine.segment.units import (
    Block,
    Sentence,
    block_vectors,
    make_blocks,
    split_sentences,
)
from podium.engine.transcript.model import Transcript

_TRANSITION = re.compile(
    r"\b(?:mov(?:e|ing) on|turn(?:ing)? (?:now |finally )?to|next (?:question|set|round)|"
    r"my next|(?:I'd|I would|let me|can I|could I|may I) (?:like to )?(?:ask|come|go|bring|turn)|"
    r"let's (?:talk|turn|move|look|go)|another (?:question|area|issue)|"
    r"(?:a|the) (?:new|different|final|last) (?:topic|area|issue|subject|theme)|"
    r"(?:we'll|we will|I'll|I will|let's) (?:now )?go (?:to|over)|goes to|"
    r"questions? (?:now )?(?:from|on|around|about|regarding)|(?:you have|has) the floor|"
    r"(?:'s|is) turn|over to you|the floor is yours)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SegmentOptions:
    """How `segment_topics` cuts a transcript into discussions."""

    block_words: int = 120
    """Longest block (run of one speaker's sentences) in words; boundaries fall between blocks."""
    window_words: int = 800
    """Words on each side of a gap whose mean embedding is compared."""
    smoothing: int = 1
    """Half-width, in gaps, of the moving average applied to the gap scores (0: none)."""
    depth_threshold: float = 1.5
    """A dip is a boundary candidate when its depth exceeds mean + this × std of all depths."""
    speaker_weight: float = 0.5
    """Weight of the change in speaker word-shares across a gap (0 to 1 total variation)."""
    pause_weight: float = 0.05
    """Weight of a long silence at the gap (seconds above the median gap, capped at 10 s, / 10)."""
    cue_weight: float = 0.1
    """Weight of a transition phrase ("moving on to", "my next question") after the gap."""
    min_topic_seconds: float = 600.0
    """No topic is shorter than this or than `min_topic_share` of the transcript,
    whichever is less (so a half-hour panel still gets several topics)."""
    max_topic_seconds: float = 1800.0
    """Topics longer than this are split at their deepest inner dip."""
    min_topic_share: float = 0.12
    """See `min_topic_seconds`."""
    handover_snap_seconds: float = 120.0
    """A boundary moves to the nearest hand-over (a new member taking the questions,
    see `handover_gaps`) starting within this many seconds of it (0: never)."""
    min_topics: int = 0
    """Fewest topics (0: no fewest): while there are fewer, the longest topic is split
    at the hand-over nearest its middle (`count_prior`), never to more than one
    topic per `min_topic_seconds` of transcript. Off: 5 helped on QMSum train
    (Pk 0.335 -> 0.310) and not on val (0.340 -> 0.342; docs/writing.md,
    "A topic-count prior")."""
    max_topics: int = 0
    """Most topics (0: no most): while there are more, the cut with the shallowest
    depth score goes (`count_prior`). Off: 7 helped on QMSum train (0.335 -> 0.323)
    and hurt on val (0.340 -> 0.367): one val meeting has 18 gold topics."""
    handover_ranker: bool = False
    """Cut at the hand-overs a logistic regression fitted on QMSum train finds
    likely (`podium.engine.segment.ranker`) instead of at the snapped dips, in
    meetings with enough hand-overs. Off: it did not beat the dips on both
    splits (docs/writing.md, "A learned hand-over ranker")."""


@dataclass(frozen=True, slots=True)
class TopicSpan:
    """One discussion: a run of segments, its time span and who carried it."""

    index: int
    start_segment: int
    """Index of the first segment (into `Transcript.segments`)."""
    end_segment: int
    """Index of the last segment, inclusive."""
    start_time: float
    end_time: float
    main_speakers: tuple[str, ...]
    """Speakers by words spoken in the topic, most first; those under 10 % left out."""
    first_block: int = 0
    last_block: int = 0
    """Inclusive block range (into `Segmentation.blocks`)."""


@dataclass(slots=True)
class Segmentation:
    """The result of `segment_topics`: topics plus the units they were built from."""

    topics: list[TopicSpan]
    sentences: list[Sentence]
    blocks: list[Block]
    sentence_vectors: np.ndarray
    """One unit vector per sentence (rows align with `sentences`)."""
    gap_scores: np.ndarray
    """The combined depth score of each gap between blocks (len(blocks) - 1)."""
    handovers: list[int] = field(default_factory=list)
    """Gaps where a new member takes the questions (`handover_gaps`)."""

    def topic_sentences(self, topic: TopicSpan) -> list[Sentence]:
        return [
            s for b in self.blocks[topic.first_block : topic.last_block + 1] for s in b.sentences
        ]


def segment_topics(
    transcript: Transcript,
    options: SegmentOptions | None = None,
    *,
    sentences: list[Sentence] | None = None,
    vectors: np.ndarray | None = None,
    progress: Progress | None = None,
) -> Segmentation:
    """Cut `transcript` into topics.

    `sentences` (from `split_sentences`) and `vectors` (their embeddings) may be
    passed in when the caller already has them; otherwise they are computed.
    """
    options = options or SegmentOptions()
    progress = progress or no_progress
    progress(0.0, "segmenting")
    if sentences is None:
        sentences = split_sentences(transcript)
    if vectors is None:
        vectors = embed_sentences(sentences)
    progress(0.8, "segmenting")
    blocks = make_blocks(sentences, max_words=options.block_words)
    scores = gap_scores(blocks, vectors, options)
    handovers = handover_gaps(blocks)
    cuts = choose_boundaries(blocks, scores, options)
    cuts = snap_to_handovers(blocks, cuts, handovers, options.handover_snap_seconds)
    if options.handover_ranker:
        cuts = _ranked_cuts(blocks, vectors, scores, handovers, cuts)
    cuts = count_prior(blocks, scores, cuts, handovers, options)
    topics = _topics(transcript, blocks, cuts)
    progress(1.0, "segmenting")
    return Segmentation(topics, sentences, blocks, vectors, scores, handovers)


def _ranked_cuts(
    blocks: list[Block], vectors: np.ndarray, scores: np.ndarray, handovers: list[int], cuts
) -> list[int]:
    """The hand-overs the fitted ranker keeps, or `cuts` when there are too few hand-overs."""
    from podium.engine.segment.ranker import choose_handovers, handover_features, load_ranker

    ranker = load_ranker()
    if len(handovers) < ranker.min_handovers:
        return cuts
    chair, members = speaker_roles(blocks)
    features = handover_features(blocks, vectors, scores, handovers, chair, members, cuts)
    return choose_handovers(blocks, handovers, ranker.probabilities(features), ranker, cuts)


MIN_EMBED_WORDS = 6
"""Sentences shorter than this ("Thank you, Chair.", "Yes.") are not embedded: their
vector is zero. They weigh little in a window of `window_words` (about 5 % of
the words of a hearing) and the writer never reports or quotes them, while each
costs a model call. On the QMSum meetings Pk is the same with or without them
(train 0.337, val 0.345)."""


EMBED_BATCH = 8
"""Sentences encoded per model call. The vectors are the same for any batch size
(cosine 0.9999998 between batch 1, 16 and 64); the CPU time is not. On the
90-minute case (670 sentences) MiniLM for segmentation took 3.2 CPU s in
batches of 8, 3.4–3.5 in batches of 16 and 3.9–4.2 in the default 64, measured
in one process: a batch is as wide as its longest sentence (sorted by
characters, batches of 64 carry 32 % padding tokens, of 8 16 %) and a small
batch's activations stay in cache. See docs/writing.md, "Speed"."""


def embed_sentences(sentences: list[Sentence]) -> np.ndarray:
    """Unit vectors of the sentences of `MIN_EMBED_WORDS` words or more, zeros for the rest."""
    from podium.engine.embed import DIMENSIONS, embed

    vectors = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
    wanted = [i for i, s in enumerate(sentences) if s.words >= MIN_EMBED_WORDS]
    if wanted:
        vectors[wanted] = embed([sentences[i].text for i in wanted], batch_size=EMBED_BATCH)
    return vectors


def gap_scores(blocks: list[Block], vectors: np.ndarray, options: SegmentOptions) -> np.ndarray:
    """Depth score of each gap: how much lower the cohesion is there than around it."""
    n = len(blocks)
    if n < 2:
        return np.zeros(0)
    sums, words = block_vectors(blocks, vectors)
    speakers = sorted({b.speaker for b in blocks})
    column = {s: i for i, s in enumerate(speakers)}
    shares = np.zeros((n, len(speakers)))
    for i, block in enumerate(blocks):
        shares[i, column[block.speaker]] = words[i]
    cum_vec = np.vstack([np.zeros(sums.shape[1]), np.cumsum(sums, axis=0)])
    cum_spk = np.vstack([np.zeros(len(speakers)), np.cumsum(shares, axis=0)])
    cum_words = np.concatenate([[0.0], np.cumsum(words)])

    pauses = np.array([max(0.0, blocks[i + 1].start - blocks[i].end) for i in range(n - 1)])
    median_pause = float(np.median(pauses)) if len(pauses) else 0.0
    similarity = np.zeros(n - 1)
    for gap in range(n - 1):
        # left window: blocks lo..gap ; right window: gap+1..hi-1
        lo = int(np.searchsorted(cum_words, cum_words[gap + 1] - options.window_words, "right")) - 1
        lo = max(0, min(lo, gap))
        hi = int(np.searchsorted(cum_words, cum_words[gap + 1] + options.window_words, "left"))
        hi = min(n, max(hi, gap + 2))
        left = cum_vec[gap + 1] - cum_vec[lo]
        right = cum_vec[hi] - cum_vec[gap + 1]
        cos = float(left @ right) / max(np.linalg.norm(left) * np.linalg.norm(right), 1e-9)
        left_spk = cum_spk[gap + 1] - cum_spk[lo]
        right_spk = cum_spk[hi] - cum_spk[gap + 1]
        change = 0.5 * float(
            np.abs(
                left_spk / max(left_spk.sum(), 1e-9) - right_spk / max(right_spk.sum(), 1e-9)
            ).sum()
        )
        pause = min(max(pauses[gap] - median_pause, 0.0), 10.0) / 10.0
        opening = " ".join(s.text for s in blocks[gap + 1].sentences[:2])
        cue = 1.0 if _TRANSITION.search(opening) else 0.0
        similarity[gap] = (
            cos
            - options.speaker_weight * change
            - options.pause_weight * pause
            - options.cue_weight * cue
        )
    if options.smoothing > 0 and len(similarity) > 2:
        width = 2 * options.smoothing + 1
        padded = np.pad(similarity, options.smoothing, mode="edge")
        similarity = np.convolve(padded, np.ones(width) / width, mode="valid")
    return _depths(similarity)


def _is_question(text: str) -> bool:
    return text.rstrip().rstrip('"”’').endswith("?")


def speaker_roles(blocks: list[Block]) -> tuple[str | None, set[str]]:
    """The chair and the members (the speakers who take questions in turn) of a hearing.

    Read from the turns alone. A turn *asks* when one of its sentences ends
    with a question mark; a turn *answers* when it follows another speaker's
    asking turn. Answerers are the speakers who answer in at least half of
    their turns and ask in fewer than half (witnesses, ministers: they end an
    answer with "Is that all right?" now and then, which made them members
    before). The chair is the speaker, other than an answerer, whose turns are
    followed by the most different speakers (the chair gives the floor to every
    member; a member hands it back to the witness and the chair) — ties to the
    most turns per word spoken, the rule used alone before.
    Members are the other speakers with a question in at least 30 % of their
    turns who are not answerers.

    On the 30 QMSum meetings the old rule (most turns per word, every asker a
    member) named a member with many short questions as chair in 7 and took the
    witness for a member in education_11 and education_21, which gave 43 to 70
    "hand-overs" in meetings of 7 topics (education_11, _21, _24); see
    docs/writing.md.
    """
    turns: dict[int, list] = {}
    for block in blocks:
        entry = turns.setdefault(block.turn, [block.speaker, 0, False])
        entry[1] += block.words
        entry[2] = entry[2] or any(_is_question(s.text) for s in block.sentences)
    sequence = [turns[t] for t in sorted(turns)]
    if not sequence:
        return None, set()
    count: dict[str, int] = {}
    words: dict[str, int] = {}
    asking: dict[str, int] = {}
    answering: dict[str, int] = {}
    followers: dict[str, set[str]] = {}
    for k, (speaker, n_words, question) in enumerate(sequence):
        count[speaker] = count.get(speaker, 0) + 1
        words[speaker] = words.get(speaker, 0) + n_words
        asking[speaker] = asking.get(speaker, 0) + int(question)
        if k and sequence[k - 1][0] != speaker and sequence[k - 1][2]:
            answering[speaker] = answering.get(speaker, 0) + 1
        if k + 1 < len(sequence) and sequence[k + 1][0] != speaker:
            followers.setdefault(speaker, set()).add(sequence[k + 1][0])
    answerers = {
        s for s in count if answering.get(s, 0) / count[s] >= 0.5 and asking[s] / count[s] < 0.5
    }
    chair = max(
        count,
        key=lambda s: (
            s not in answerers,
            len(followers.get(s, ())),
            count[s] * count[s] / max(words[s], 1),
            s,
        ),
    )
    members = {
        s for s in count if s != chair and s not in answerers and asking[s] / count[s] >= 0.3
    }
    return chair, members


def handover_gaps(blocks: list[Block]) -> list[int]:
    """Gaps (between block i and i + 1) where a new member takes the questions.

    Roles come from `speaker_roles`. A hand-over is the first turn of a member
    other than the last member who spoke; when the chair spoke just before it,
    the gap moves to before the chair's turn. With fewer than two members
    there are no hand-overs.
    """
    chair, members = speaker_roles(blocks)
    if len(members) < 2:
        return []
    first_blocks: dict[int, Block] = {}
    for block in blocks:
        first_blocks.setdefault(block.turn, block)
    order = sorted(first_blocks)
    gaps: list[int] = []
    last_member = None
    for k, turn in enumerate(order):
        speaker = first_blocks[turn].speaker
        if speaker not in members:
            continue
        first_block = first_blocks[turn].index
        if last_member is not None and speaker != last_member:
            if k and first_blocks[order[k - 1]].speaker == chair:
                first_block = first_blocks[order[k - 1]].index
            if first_block > 0:
                gaps.append(first_block - 1)
        last_member = speaker
    return sorted(set(gaps))


def snap_to_handovers(
    blocks: list[Block], cuts: list[int], handovers: list[int], seconds: float
) -> list[int]:
    """Each cut moved to the nearest hand-over gap starting within `seconds` of it."""
    if not handovers or seconds <= 0:
        return cuts
    out: set[int] = set()
    for cut in cuts:
        at = blocks[cut + 1].start
        near = [g for g in handovers if abs(blocks[g + 1].start - at) <= seconds and g not in out]
        out.add(min(near, key=lambda g: (abs(blocks[g + 1].start - at), g)) if near else cut)
    return sorted(out)


def count_prior(
    blocks: list[Block],
    depths: np.ndarray,
    cuts: list[int],
    handovers: list[int],
    options: SegmentOptions,
) -> list[int]:
    """`cuts` brought within `options.min_topics` .. `options.max_topics` topics.

    Too many: the cut whose gap has the shallowest depth score goes, one at a
    time. Too few (and the transcript is long enough for `min_topics` topics of
    `min_topic_seconds`): the longest topic is split at the hand-over nearest its
    middle, or, in a transcript without hand-overs, at its deepest gap; a split
    leaves at least half the shortest topic (`min_topic_seconds` /
    `min_topic_share`) on each side. Where the dips are too shallow to find a
    boundary, the middle of a long topic is the best guess: on the QMSum train
    meetings splitting at the hand-over nearest the middle beat splitting at the
    deepest one (Pk 0.310 against 0.323; docs/writing.md, "A topic-count prior").
    Off by default (both counts 0): the gain on train did not carry to val.
    """
    if not blocks:
        return cuts
    cuts = sorted(cuts)
    if options.max_topics > 0:
        while len(cuts) + 1 > options.max_topics:
            cuts.remove(min(cuts, key=lambda g: (depths[g], g)))
    total = blocks[-1].end - blocks[0].start
    fewest = min(options.min_topics, int(total // max(options.min_topic_seconds, 1.0)))
    if len(cuts) + 1 >= fewest:
        return cuts
    spacing = 0.5 * min(options.min_topic_seconds, options.min_topic_share * total)
    candidates = handovers or list(range(len(blocks) - 1))
    while len(cuts) + 1 < fewest:
        bounds = [-1, *cuts, len(blocks) - 1]
        splits = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            start, end = blocks[a + 1].start, blocks[b].end
            inner = [
                g
                for g in candidates
                if a < g < b
                and blocks[g + 1].start - start >= spacing
                and end - blocks[g + 1].start >= spacing
            ]
            if inner:
                splits.append((end - start, start, end, inner))
        if not splits:
            break
        _, start, end, inner = max(splits, key=lambda split: (split[0], -split[1]))
        middle = (start + end) / 2
        if handovers:
            gap = min(inner, key=lambda g: (abs(blocks[g + 1].start - middle), g))
        else:
            gap = min(inner, key=lambda g: (-depths[g], g))
        cuts = sorted([*cuts, gap])
    return cuts


def _depths(similarity: np.ndarray) -> np.ndarray:
    """TextTiling depth: climb to the highest point on each side while it keeps rising."""
    depths = np.zeros_like(similarity)
    for i, value in enumerate(similarity):
        left = value
        j = i - 1
        while j >= 0 and similarity[j] >= left:
            left = similarity[j]
            j -= 1
        right = value
        j = i + 1
        while j < len(similarity) and similarity[j] >= right:
            right = similarity[j]
            j += 1
        depths[i] = (left - value) + (right - value)
    return depths


def choose_boundaries(
    blocks: list[Block], depths: np.ndarray, options: SegmentOptions, *, any_gap: bool = False
) -> list[int]:
    """Gap indices to cut at: deep local dips (any gap with `any_gap`), spaced per the options."""
    if len(depths) == 0:
        return []
    threshold = float(depths.mean() + options.depth_threshold * depths.std())
    min_seconds = min(
        options.min_topic_seconds, options.min_topic_share * (blocks[-1].end - blocks[0].start)
    )
    if any_gap:
        is_peak = [True] * len(depths)
    else:
        is_peak = [
            (i == 0 or depths[i] >= depths[i - 1])
            and (i == len(depths) - 1 or depths[i] >= depths[i + 1])
            for i in range(len(depths))
        ]
    candidates = sorted(
        (i for i in range(len(depths)) if is_peak[i] and depths[i] > threshold),
        key=lambda i: (-depths[i], i),
    )
    starts = [b.start for b in blocks]
    total_end = blocks[-1].end
    cuts: list[int] = []

    def fits(gap: int, chosen: list[int]) -> bool:
        time = starts[gap + 1]
        edges = sorted([starts[0], total_end] + [starts[c + 1] for c in chosen])
        k = bisect_right(edges, time)
        return time - edges[k - 1] >= min_seconds and edges[k] - time >= min_seconds

    for gap in candidates:
        if fits(gap, cuts):
            cuts.append(gap)
    # Split topics that are still too long at their deepest admissible gap.
    changed = True
    while changed:
        changed = False
        bounds = [-1] + sorted(cuts) + [len(blocks) - 1]
        for a, b in zip(bounds, bounds[1:], strict=False):
            first, last = a + 1, b
            if blocks[last].end - blocks[first].start <= options.max_topic_seconds:
                continue
            inner = sorted(range(first, last), key=lambda g: (-depths[g], g))
            for gap in inner:
                if fits(gap, cuts):
                    cuts.append(gap)
                    changed = True
                    break
    return sorted(cuts)


def _topics(transcript: Transcript, blocks: list[Block], cuts: list[int]) -> list[TopicSpan]:
    if not blocks:
        return []
    topics: list[TopicSpan] = []
    bounds = [-1] + cuts + [len(blocks) - 1]
    for first_gap, last_block in zip(bounds, bounds[1:], strict=False):
        first_block = first_gap + 1
        chunk = blocks[first_block : last_block + 1]
        words: dict[str, int] = {}
        for block in chunk:
            words[block.speaker] = words.get(block.speaker, 0) + block.words
        total = sum(words.values()) or 1
        main = tuple(
            s for s, w in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if w / total >= 0.1
        )
        start_segment = chunk[0].first_segment
        end_segment = (
            blocks[last_block + 1].first_segment - 1
            if last_block + 1 < len(blocks)
            else len(transcript.segments) - 1
        )
        end_segment = max(end_segment, chunk[-1].last_segment)
        topics.append(
            TopicSpan(
                index=len(topics),
                start_segment=start_segment,
                end_segment=end_segment,
                start_time=transcript.segments[start_segment].start,
                end_time=transcript.segments[end_segment].end,
                main_speakers=main,
                first_block=first_block,
                last_block=last_block,
            )
        )
    return topics


def finer(
    transcript: Transcript,
    segmentation: Segmentation,
    options: SegmentOptions | None = None,
    *,
    min_topics: int,
) -> Segmentation:
    """The same segmentation cut more finely until it has at least `min_topics` topics.

    Lowers the depth threshold and the shortest topic length step by step,
    reusing the gap scores (no new embeddings). The brief writer uses it when
    the segmentation that scores best on Pk is coarser than the sections asked
    for: a section per discussion reads better than two sections per topic.
    """
    options = options or SegmentOptions()
    blocks, scores = segmentation.blocks, segmentation.gap_scores
    if len(segmentation.topics) >= min_topics or len(blocks) < 2:
        return segmentation
    cuts: list[int] = []
    for step in range(1, 9):
        trial = replace(
            options,
            depth_threshold=options.depth_threshold - 0.5 * step,
            min_topic_seconds=options.min_topic_seconds * (0.8**step),
            min_topic_share=options.min_topic_share * (0.8**step),
        )
        cuts = choose_boundaries(blocks, scores, trial, any_gap=step > 4)
        cuts = snap_to_handovers(
            blocks, cuts, segmentation.handovers, options.handover_snap_seconds
        )
        if len(cuts) + 1 >= min_topics:
            break
    topics = _topics(transcript, blocks, cuts)
    return Segmentation(
        topics,
        segmentation.sentences,
        blocks,
        segmentation.sentence_vectors,
        scores,
        segmentation.handovers,
    )

"""Sentence judgements of the extractive writer, on sentences from real transcripts."""

from __future__ import annotations

from podium.engine.write import language as lang
from podium.engine.write.keyphrases import title_case


def test_housekeeping_is_recognised_and_substance_is_not():
    for line in (
        "Good morning, everyone.",
        "Welcome to the Children, Young People and Education Committee.",
        "Can everyone hear me?",
        "Thank you, Chair.",
        "We've received apologies for absence from Julie Morgan.",
        "Okay.",
    ):
        assert lang.is_housekeeping(line), line
    for line in (
        "Any conflict on the Korean Peninsula would likely escalate to nuclear use within days.",
        "The £4.50 rate that we've set has been welcomed by providers across Blaenau Gwent.",
    ):
        assert not lang.is_housekeeping(line), line


def test_leading_fillers_go_and_the_rest_is_kept_verbatim():
    said = (
        "Well, I think that the childcare offer gives us an opportunity to make it more resilient."
    )
    assert lang.strip_leading(said) == (
        "the childcare offer gives us an opportunity to make it more resilient."
    )
    assert lang.strip_leading("No, it won't cause a problem.") == "it won't cause a problem."
    assert lang.strip_leading("Yes.") == "Yes."  # nothing left: keep the words


def test_clauses_that_would_flip_who_speaks_are_not_reported_speech():
    from podium.engine.write.speech import reported

    assert reported("The divided families issue remains urgent.") == (
        "The divided families issue remains urgent."
    )
    assert reported("I don't agree we have the most fragile sector.") is None
    assert reported("You have to accept North Korea as a nuclear state.") is None
    # dangling openings are refused by the writer before reporting
    assert lang.LEADING_PRONOUN.match("it is that sheer burden on each local authority.")
    assert lang.bad_start("is that, in some of the Valleys, there is a tradition.")
    assert not lang.is_finished("the stuff that's being debated about foundational sectors—.")


def test_reporting_verbs_follow_what_the_sentence_does():
    assert lang.reporting_verb("We must accept North Korea as a nuclear-armed state.") in {
        "argued",
        "urged",
    }
    assert lang.reporting_verb("The risk of escalation is extremely high.") in {
        "warned",
        "cautioned",
    }
    assert lang.reporting_verb("I recommend a direct channel.") in {"proposed", "recommended"}
    assert lang.reporting_verb("Some 100,000 families were separated.") in {"noted", "reported"}
    # The same sentence always gets the same verb; `avoid` is respected.
    verb = lang.reporting_verb("The risk of escalation is extremely high.")
    assert lang.reporting_verb("The risk of escalation is extremely high.") == verb
    assert lang.reporting_verb("The risk of escalation is extremely high.", avoid={verb}) != verb


def test_first_letters_follow_the_transcripts_proper_words():
    proper = lang.proper_words(["We met in Cardiff last week.", "Then Cardiff said no."])
    assert "Cardiff" in proper
    assert lang.lower_first("Cardiff has no offer yet.", proper) == "Cardiff has no offer yet."
    assert lang.lower_first("The offer is new.", proper) == "the offer is new."
    assert lang.lower_first("PPE is scarce.", proper) == "PPE is scarce."


def test_title_case_keeps_acronyms_and_capitalises_hyphenated_words():
    assert title_case("the childcare offer and PPE") == "The Childcare Offer and PPE"
    assert (
        title_case("shortage of Welsh-language childcare") == "Shortage of Welsh-Language Childcare"
    )
    assert title_case("U.S.-ROK policy coordination") == "U.S.-ROK Policy Coordination"


def test_a_noun_phrase_with_a_relative_clause_is_not_a_clause_to_report():
    """QMSum train briefs read "Hussen emphasized that the important role that the Canada
    summer jobs program plays in supporting employers …" and "Blair stressed that the
    challenge that this particular policy … has meant for families": no main verb."""
    for fragment in (
        "the important role that the Canada summer jobs program plays in supporting employers "
        "and young workers in communities across the country every year.",
        "the challenge that this particular policy of restricting non-essential travel has "
        "meant for families.",
    ):
        assert not lang.has_main_clause(fragment), fragment
    for clause in (
        "the Minister of Transport had been working very closely with airports, large and "
        "small, right across the country.",
        "anti-black racism, racism and discrimination were present in Canada.",
        "there was a call to respect the territory and to dismantle the exclusion zones.",
        # misparsed (root "grandparents", "provide" a conjunct), still a clause: docs/examples
        "grandparents, aunts, uncles and so on provide free, unregistered, unlicensed "
        "childcare of a sort.",
    ):
        assert lang.has_main_clause(clause), clause


def test_a_polite_opener_of_an_answer_says_nothing_and_an_answer_does():
    """Openers of answer turns in QMSum's committee transcripts: a claim chosen from the
    answer's opening sentences passes over them (`extractive.answer_openings`)."""
    for opener in (
        "Thank you for the question.",
        "Yes, thank you very much for that question.",
        "Thank you very much, Janet, for that question.",
        "Thank you very much for that question, Chair.",
        "I want to thank the honourable member for that question.",
        "It's a good question.",
    ):
        assert lang.is_courtesy(opener), opener
    for answer in (
        "Thank you for the question on childcare.",
        "Schools cannot force parents to divulge information.",
        "We have done 3 of those.",
        "Cardiff has done it.",
        "I'd like to thank the member for Hamilton Mountain for that question and for his "
        "advocacy on this file.",
    ):
        assert not lang.is_courtesy(answer), answer

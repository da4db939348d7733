"""The checks on an aligned pair (consistency.py), quantities, alignment and the claim check
end to end on small hand-made transcripts: the examples of issue 14 and one case per category."""

from __future__ import annotations

import pytest

from podium.engine.nlp import parse
from podium.engine.verify import verify
from podium.engine.verify.consistency import (
    ADDRESSEE,
    agents,
    antonyms,
    arguments,
    clauses,
    complements,
    degree,
    descriptions,
    entities,
    existence,
    intentions,
    light_verb_swaps,
    loose_polarity,
    modality,
    negated_paraphrase,
    polarity,
    quantifiers,
    roles,
    slot_swaps,
    substitutions,
    times,
    unpaired_negation,
    unsaid_predicates,
)
from podium.engine.verify.quantity import RATIO, quantities, same_quantity
from podium.engine.verify.text import normalise

from .conftest import make_brief, make_transcript, section


def _clauses(text: str, **kwargs):
    return clauses(parse(text), **kwargs)


def _checks(check, claim: str, evidence: str, **kwargs):
    return check(_clauses(claim, **kwargs), _clauses(evidence))


# --- polarity -------------------------------------------------------------------------------
def test_polarity_dropped_negation_is_a_mismatch():
    [m] = _checks(
        polarity,
        "The grid has been designed for this load.",
        "We are building on a grid that has not been designed for this load.",
    )
    assert m.said == "has been designed" and m.heard == "has not been designed"


def test_polarity_added_negation_is_a_mismatch():
    found = _checks(
        polarity,
        "The minister did not approve the budget.",
        "The minister approved the budget on Tuesday.",
    )
    assert [m.check for m in found] == ["polarity"]


def test_polarity_no_as_determiner_negates_the_clause():
    found = _checks(
        polarity,
        "There is power to introduce motions.",
        "There is no power to introduce motions, to test confidence or to vote.",
    )
    assert found and "no power" in found[0].heard


def test_polarity_question_answered_no_supports_the_negation():
    evidence = "Will fees rise next year? No. The board has frozen them."
    assert _checks(polarity, "Fees would not rise next year.", evidence) == []
    assert [m.check for m in _checks(polarity, "Fees would rise next year.", evidence)] == [
        "polarity"
    ]


def test_polarity_negation_elsewhere_in_the_passage_does_not_count():
    evidence = "The council did not meet in May. The grid has been designed for this load."
    assert _checks(polarity, "The grid has been designed for this load.", evidence) == []


# --- antonyms and degree ----------------------------------------------------------------------
def test_antonym_accepted_for_rejected():
    [m] = antonyms(
        parse("The tribunal accepted the claim."), parse("The tribunal rejected the claim.")
    )
    assert (m.said, m.heard) == ("accepted", "rejected")


def test_antonym_comparatives_are_lemmatised():
    [m] = antonyms(
        parse("Canada Post is delivering fewer parcels."),
        parse("It's now delivering more parcels, but it's losing money."),
    )
    assert (m.said, m.heard) == ("fewer", "more")


def test_antonym_under_negation_is_the_same_claim():
    assert antonyms(parse("Prices did not rise."), parse("Prices fell last year.")) == []


def test_degree_superlative_the_transcript_did_not_use():
    [m] = degree(
        parse("It is the largest wind farm in Europe."), parse("It is a large wind farm in Europe.")
    )
    assert (m.said, m.heard) == ("largest", "large")
    assert degree(parse("It is a large wind farm."), parse("It is the largest wind farm.")) == []


# --- modality ---------------------------------------------------------------------------------
def test_modality_will_for_may():
    [m] = _checks(
        modality,
        "The government will introduce a levy next year.",
        "The government may introduce a levy next year.",
    )
    assert m.said == "will introduce" and m.heard == "may introduce"


def test_modality_done_for_plans_to():
    found = _checks(
        modality,
        "The council has introduced a levy on second homes.",
        "The council plans to introduce a levy on second homes.",
    )
    assert [m.check for m in found] == ["modality"]
    assert (
        _checks(
            modality,
            "The council may introduce a levy on second homes.",
            "The council will introduce a levy on second homes.",
        )
        == []
    )


# --- entities, doers and arguments -------------------------------------------------------------
def test_entity_swap_of_the_same_kind():
    [m] = entities(
        parse("The forces worked in care homes in Quebec and Alberta."),
        parse("The forces are working in long-term care facilities in Quebec and Ontario."),
    )
    assert (m.said, m.heard) == ("Alberta", "Ontario")


def test_an_organisation_reported_for_the_speakers_we_is_not_a_swap_with_a_place():
    """The writer reports a minister's "we" as the institution; the passage also names a
    place. Before, this failed as "says the Welsh Government; the transcript says Wales"
    and the writer dropped a faithful sentence (docs/examples, section 7)."""
    evidence = parse("In Wales we have considered it, and we did not include it in the scheme.")
    claim = parse("The Welsh Government had considered it.")
    assert entities(claim, evidence) == []
    # the other names of the sentence are still compared
    [m] = entities(
        parse("The Welsh Government worked in care homes in Quebec and Alberta."),
        parse("We are working in long-term care facilities in Quebec and Ontario."),
    )
    assert (m.said, m.heard) == ("Alberta", "Ontario")
    # where the passage's doer is not "we", the organisation is compared with the place
    they = parse("In Wales they have considered it, and they did not include it in the scheme.")
    [m] = entities(claim, they)
    assert (m.said, m.heard) == ("The Welsh Government", "Wales")


def test_entity_named_in_the_speakers_nearby_words_passes():
    claim = parse("The bank is led by Michael Sabia.")
    evidence = parse("The bank is moving into its next phase under its new chair.")
    assert entities(claim, evidence, context="the new board chair, Michael Sabia") == []


def test_agent_of_the_verb_is_another_actor():
    [m] = _checks(
        agents,
        "The council rejected the plan in March.",
        "The minister rejected the plan in March.",
    )
    assert m.check == "agent" and "council" in m.said and "minister" in m.heard


def test_agent_i_is_the_speaker():
    claim = _clauses("Steve Davies met the youth services council this week.")
    heard = _clauses(
        "I met the youth services council this week.",
        speaker_words=frozenset({"kirsty", "williams"}),
    )
    assert [m.check for m in agents(claim, heard)] == ["agent"]
    same = _clauses("Williams met the youth services council this week.")
    assert agents(same, heard) == []


def test_agent_pronoun_in_the_transcript_is_not_compared():
    assert _checks(agents, "The council rejected the plan.", "They rejected the plan.") == []


def test_argument_swapped_name():
    [m] = _checks(
        arguments,
        "Bell Canada decided to partner with Huawei.",
        "Bell Canada has decided to partner with Ericsson.",
    )
    assert (m.said, m.heard) == ("Huawei", "Ericsson")


# --- quantities ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("one in five", 0.2, RATIO),
        ("a third of tenants", 1 / 3, RATIO),
        ("70 percent", 0.7, RATIO),
        ("seventy per cent", 0.7, RATIO),
        ("£4.50", 4.5, "pound"),
        ("four pounds fifty", 4.5, "pound"),
        ("half a billion dollars", 5e8, "dollar"),
        ("13 gigawatts", 13, "gigawatt"),
        ("two and a half years", 2.5, "year"),
        ("in 2020", 2020, None),
    ],
)
def test_quantities_read_units_and_fractions(written, value, unit):
    [quantity] = quantities(normalise(written))
    assert quantity.value == pytest.approx(value) and quantity.unit == unit


def test_quantities_compare_shares_and_units():
    [fifth] = quantities(normalise("one in five"))
    [twenty] = quantities(normalise("20 percent"))
    [third] = quantities(normalise("one in three"))
    assert same_quantity(fifth, twenty) and not same_quantity(fifth, third)
    [gw] = quantities(normalise("17 gigawatts"))
    [years] = quantities(normalise("17 years"))
    assert not same_quantity(gw, years)


def test_alternatives_are_two_numbers():
    said = [q.value for q in quantities(normalise("three or four years"))]
    heard = [q.value for q in quantities(normalise("the last three, four years"))]
    assert said == heard == [3, 4]


# --- the claim check end to end: issue 14's examples ------------------------------------------
PANEL = make_transcript(
    (0.0, "Dana Whitfield", "Welcome. Let us start with the grid and then the surveys."),
    (
        20.0,
        "Maria Lopez",
        "We are building on a grid that has not been designed for this load. The new offshore "
        "farms will add 13 gigawatts of capacity by 2030. I have worked on energy for 17 years, "
        "and I have never seen anything like it.",
    ),
    (
        90.0,
        "Tom Reed",
        "In our survey, one in five tenants said they had been threatened with eviction. "
        "The tribunal rejected the claim that the landlords had acted lawfully.",
    ),
    (160.0, "Dana Whitfield", "Will fees rise next year?"),
    (165.0, "Tom Reed", "No. The board has frozen them until 2027."),
    (
        200.0,
        "Maria Lopez",
        "Students post-16 have had a hard time with COVID-19, and over the last three, four "
        "years seventy per cent of colleges cut courses. A bus pass costs four pounds fifty.",
    ),
)


def claim_finding(speaker: str, sentence: str, transcript=PANEL):
    report = verify(make_brief(section(speaker=speaker, summary=sentence)), transcript)
    found = [f for f in report.findings if f.check in ("claim", "attribution")]
    return max(found, key=lambda f: ("ok", "warn", "fail").index(f.status))


@pytest.mark.parametrize(
    ("speaker", "sentence", "message"),
    [
        (
            "Maria Lopez",
            "Lopez said the grid has been designed for this load.",
            'says "has been designed"; the transcript says "has not been designed" at 0:2',
        ),
        (
            "Maria Lopez",
            "Lopez said the new offshore farms will add 17 gigawatts by 2030.",
            'says "17 gigawatts"; the transcript says "13 gigawatts" at 0:2',
        ),
        (
            "Tom Reed",
            "Reed said one in three tenants had been threatened with eviction.",
            'says "one in three"; the transcript says "one in five" at 1:3',
        ),
        (
            "Tom Reed",
            "Reed said the tribunal accepted the claim that the landlords had acted lawfully.",
            'says "accepted"; the transcript says "rejected" at 1:3',
        ),
    ],
)
def test_issue_examples_fail_with_the_mismatch_and_evidence(speaker, sentence, message):
    finding = claim_finding(speaker, sentence)
    assert finding.status == "fail" and finding.check == "claim"
    assert message in finding.message
    assert finding.evidence and all(e.speaker for e in finding.evidence)


def test_question_answered_no_supports_the_negated_summary():
    finding = claim_finding("Tom Reed", "Reed said fees would not rise next year.")
    assert finding.status == "ok", finding.message
    assert claim_finding("Tom Reed", "Reed said fees would rise next year.").status == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lopez said students post 16 have had a hard time with Covid 19.",
        "Lopez said that over three or four years 70% of colleges cut courses.",
        "Lopez said a bus pass costs £4.50.",
    ],
)
def test_normalised_forms_of_faithful_sentences_pass(sentence):
    finding = claim_finding("Maria Lopez", sentence)
    assert finding.status != "fail", finding.message


# --- one case per category ---------------------------------------------------------------------------
COUNCIL = make_transcript(
    (0.0, "Chair Person", "Councillor Ames, your report please."),
    (
        10.0,
        "Ruth Ames",
        "The housing board approved the rent rules in March. The minister rejected our bid for "
        "river defences in Leeds. Our council will open two new libraries next year.",
    ),
)


@pytest.mark.parametrize(
    ("category", "faithful", "unfaithful"),
    [
        (
            "entity",
            "Ames said the minister rejected the bid for river defences in Leeds.",
            "Ames said the minister rejected the bid for river defences in York.",
        ),
        (
            "misreference",
            "Ames said the minister rejected the council's bid for river defences.",
            "Ames said the housing board rejected the council's bid for river defences.",
        ),
        (
            "meaning",
            "Ames said the housing board approved the rent rules in March.",
            "Ames said the housing board rejected the rent rules in March.",
        ),
        (
            "number",
            "Ames said the council will open two new libraries next year.",
            "Ames said the council will open three new libraries next year.",
        ),
    ],
)
def test_category_faithful_passes_and_unfaithful_fails(category, faithful, unfaithful):
    assert claim_finding("Ruth Ames", faithful, COUNCIL).status == "ok"
    assert claim_finding("Ruth Ames", unfaithful, COUNCIL).status == "fail"


# --- this round: structural false alarms and negation scope ---------------------------------
def test_agents_a_lower_case_form_of_address_is_not_the_doer():
    # "chair, in May 2019, the Liberals launched": "chair" is the person addressed
    found = _checks(
        agents,
        "Rosemarie Falk said that chair, in May 2019, the Liberals launched their digital charter.",
        "Chair, in May 2019, the Liberals launched their digital charter.",
    )
    assert found == []
    found = _checks(
        agents,
        "Ahmed Hussen said that madam Chair, I can assure the member that they are eligible.",
        "Madam Chair, I can assure the member that they are eligible.",
        speaker_words=frozenset(["ahmed", "hussen"]),
    )
    assert found == []


def test_entities_and_arguments_read_bill_c7_and_c_7_alike():
    claim = parse("He tabled a petition related to Bill C-7, the euthanasia bill.")
    evidence = parse("I am tabling a petition related to Bill C7, the euthanasia bill.")
    assert entities(claim, evidence) == []
    assert arguments(clauses(claim), clauses(evidence)) == []


def test_polarity_complement_of_a_negated_factive_clause_is_not_compared():
    # "not happy about the fact that X" says nothing against X
    found = _checks(
        polarity,
        "The government is trying to eliminate the reflection period.",
        "Petitioners are not happy about the fact that the government is trying to "
        "eliminate the reflection period.",
    )
    assert found == []


def test_polarity_negation_raising_verb_still_negates_its_complement():
    found = _checks(
        polarity, "Fees will rise next year.", "I don't think that fees will rise next year."
    )
    assert [m.note for m in found] == ["a negation dropped"]


# denying verbs (real sentences: QMSum train/education_21, val/covid_2, train/covid_1)
_STRESS = (
    "We can't disagree that there's evidence of stress, but I think we can also point "
    "towards resilience."
)
_JOBS = (
    "I doubt that, even in the best-case scenario, the government will be able to get all "
    "the jobs needed in a timely manner."
)


def test_polarity_a_denying_verb_negates_its_complement():
    # "I doubt that the government will be able to": it will not
    found = _checks(polarity, "The government will be able to get all the jobs needed.", _JOBS)
    assert [m.note for m in found] == ["a negation dropped"]
    # a summary that says so, with the negation or with the same verb, agrees
    for claim in (
        "The government will not be able to get all the jobs needed.",
        "He doubted that the government would be able to get all the jobs needed.",
    ):
        assert _checks(polarity, claim, _JOBS) == []


def test_polarity_a_negated_denying_verb_asserts_its_complement():
    # "we can't disagree that there's evidence of stress": there is
    assert _checks(polarity, "She said there is evidence of stress.", _STRESS) == []
    found = _checks(polarity, "She said there is no evidence of stress.", _STRESS)
    assert [m.note for m in found] == ["a negation added"]
    # "disagreed that X" in the summary matches "I don't think X" in the passage
    found = _checks(
        polarity,
        "She disagreed that the regulator's powers are frightening.",
        "If I may disagree slightly, I don't think the regulator's powers are frightening.",
    )
    assert found == []


def test_polarity_a_claim_reported_inside_a_question_is_not_the_questioners():
    # real: QMSum val/education_22; the question reports what an association says, the
    # answer denies it: "denied that Wales has …" must not be read against the question
    evidence = (
        "And what about the view, given that you said that capacity wasn't an issue, of the "
        "National Day Nurseries Association, which says that Wales has the most fragile "
        "childcare sector in Great Britain? I don't agree we have the most fragile, but the "
        "childcare offer gives us an opportunity to make it more resilient and more robust."
    )
    claim = "He denied that Wales has the most fragile childcare sector in Great Britain."
    assert polarity(_clauses(claim), _clauses(evidence, spoken=True)) == []
    # the one asked ("do you think …?") answers for themselves: "No." still negates
    found = _checks(
        polarity,
        "Fees will rise next year.",
        "Do you think that fees will rise next year? No. The board has frozen them.",
    )
    assert [m.note for m in found] == ["a negation dropped"]


def test_polarity_confirm_or_deny_says_neither():
    evidence = "Chair, and so I cannot really confirm or deny that it actually ever happened."
    assert _checks(polarity, "He said it never happened.", evidence) == []
    assert _checks(polarity, "He said it happened.", evidence) == []


def test_polarity_nothing_in_a_prepositional_adjunct_is_not_a_clause_negation():
    found = _checks(
        polarity,
        "Canada's national debt is set to hit one trillion dollars.",
        "Canada's national debt is set to hit one trillion dollars, with almost nothing to "
        "show for it.",
    )
    assert found == []
    # but "at no time" is
    found = _checks(
        polarity, "The council approved the plan.", "At no time did the council approve the plan."
    )
    assert [m.note for m in found] == ["a negation dropped"]


def test_agents_subject_of_a_verb_misparsed_as_a_noun_modifier():
    # the small model makes "minister" the root and "promised" its modifier
    evidence = (
        "The former public safety minister, Ralph Goodale, promised in this House over a "
        "year ago that an answer on Huawei would be coming."
    )
    found = _checks(
        agents,
        "The Prime Minister promised over a year ago that an answer on Huawei would be coming.",
        evidence,
    )
    assert [m.check for m in found] == ["agent"]
    same = "The former public safety minister, Ralph Goodale, promised an answer on Huawei."
    assert _checks(agents, same, evidence) == []


def test_entities_same_title_given_to_another_name_is_a_swap():
    evidence = parse("I call upon Premier Ford to place these five homes under a management order.")
    [m] = entities(
        parse("He called on Premier Legault to place the homes under an order."), evidence
    )
    assert (m.said, m.heard) == ("Premier Legault", "Premier Ford")
    assert entities(parse("He called on Premier Ford to act on the homes."), evidence) == []


def test_entities_a_name_said_only_outside_the_aligned_sentence_does_not_excuse_a_swap():
    found = entities(
        parse("She praised a student in Leeds who builds masks."),
        parse("I want to praise a student in Bristol who builds masks."),
        context="Later I visited Leeds and Bristol.",
    )
    assert [(m.said, m.heard) for m in found] == [("Leeds", "Bristol")]


def test_unpaired_negation_counts_a_negation_its_infinitive_inherits():
    claim = parse("It is not for the Welsh Government to dictate.")
    evidence = parse("But that's not for us to dictate.")
    assert unpaired_negation(clauses(claim), clauses(evidence), claim) is False


RENT = make_transcript(
    (
        0.0,
        "Andrew Scheer",
        "The government has set the parameters to qualify for the rent relief program for "
        "companies that have experienced a 70% revenue loss. There are untold thousands of "
        "businesses that have experienced a 50%, 55%, 60% or 65% loss that are ineligible "
        "but have no capacity to pay the rent. She was only 15 years old when she died in a "
        "car accident. That was ten years ago.",
    ),
)


def test_number_is_judged_against_the_sentence_the_claim_paraphrases():
    finding = claim_finding(
        "Andrew Scheer",
        "Scheer said the rent relief program is limited to companies that have experienced "
        "a 50% revenue loss.",
        RENT,
    )
    assert finding.status == "fail" and 'the transcript says "70%"' in finding.message
    finding = claim_finding(
        "Andrew Scheer",
        "Scheer said the rent relief program is limited to companies that have experienced "
        "a 70% revenue loss.",
        RENT,
    )
    assert finding.status != "fail", finding.message


def test_number_the_claim_also_says_is_not_a_replacement():
    finding = claim_finding(
        "Andrew Scheer",
        "Scheer said she was only 15 years old when she died in a car accident ten years ago.",
        RENT,
    )
    assert finding.status != "fail", finding.message


# a sentence listing several numbers of one unit (real: QMSum train/education_20)
APPLICANTS = make_transcript(
    (
        0.0,
        "Bethan Owen",
        "The European Union-domiciled applicants to Wales have decreased by 8 per cent, which "
        "contrasts with a 2 per cent increase for English institutions, and non-EU—so "
        "international students, not from Europe—have also decreased by 9 per cent to Welsh "
        "institutions, again contrasting with a 7 per cent increase in England.",
    ),
)


def test_number_is_judged_against_the_stretch_of_the_sentence_about_the_same_thing():
    finding = claim_finding(
        "Bethan Owen",
        "Owen said international students applying to Welsh institutions have decreased by "
        "8 per cent.",
        APPLICANTS,
    )
    assert finding.status == "fail" and 'the transcript says "9 per cent"' in finding.message
    for sentence in (
        "Owen said international students applying to Welsh institutions have decreased by "
        "9 per cent.",
        "Owen said applicants to Wales from the European Union have decreased by 8 per cent, "
        "against a 2 per cent increase for English institutions.",
    ):
        finding = claim_finding("Bethan Owen", sentence, APPLICANTS)
        assert finding.status != "fail", finding.message


def test_number_of_a_list_that_states_its_shared_words_once_is_its_own():
    # "men make up 56 per cent of X; women 44 per cent": "women … 44 per cent" holds
    # "women", which the stretch of 56 lacks (real: QMSum train/education_8 wording)
    bodies = make_transcript(
        (
            0.0,
            "Kirsty Williams",
            "I would say that men make up around 56 per cent of membership of universities' "
            "governing bodies; women—44 per cent; BME—as low as 4 per cent.",
        ),
    )
    finding = claim_finding(
        "Kirsty Williams",
        "Williams said women make up 44 per cent of universities' governing bodies.",
        bodies,
    )
    assert finding.status != "fail", finding.message


def test_modality_should_have_done_is_not_done():
    evidence = "I'll be straight and say we should have made more progress on therapies."
    [m] = _checks(modality, "The programme had made good progress on therapies.", evidence)
    assert (m.said, m.heard) == ("had made", "should have made")
    assert _checks(modality, "We should have made more progress on therapies.", evidence) == []


# --- substitutions (a warn, never a fail) ---------------------------------------------------
def _substitutions(claim: str, evidence: str):
    claim_doc, evidence_doc = parse(claim), parse(evidence)
    return substitutions(clauses(claim_doc), clauses(evidence_doc), claim_doc, evidence_doc)


def test_substitution_of_the_predicate_with_the_same_doer_and_object():
    evidence = "From the very beginning of this pandemic, the Liberals have silenced dissent."
    [m] = _substitutions("The Liberals have encouraged dissent.", evidence)
    assert (m.check, m.said, m.heard) == ("substitution", "encouraged", "silenced")
    # another doer: another clause, not a word put in the place of the transcript's
    assert _substitutions("The unions have encouraged dissent.", evidence) == []
    # the same word, or a form of it, is no substitution
    assert _substitutions("The Liberals silenced dissent from the beginning.", evidence) == []


def test_substitution_of_a_modifier_of_a_word_both_say():
    evidence = "We rolled out the Canada emergency response benefit extremely quickly."
    claim = "The government rolled out the Canada emergency response benefit too slowly."
    [m] = _substitutions(claim, evidence)
    assert (m.said, m.heard) == ("slowly", "quickly")
    claim = "The government rolled out the Canada emergency response benefit quickly."
    assert _substitutions(claim, evidence) == []


SPARED = make_transcript(
    (
        0.0,
        "Kevin Nater",
        "Small businesses provide employment and stability in our towns. From the very "
        "beginning of this pandemic the Liberals have silenced dissent on the support they need.",
    ),
)


def test_claim_with_a_substituted_predicate_is_a_warn_naming_both_words():
    finding = claim_finding(
        "Kevin Nater",
        "Nater said that from the very beginning of the pandemic the Liberals have "
        "encouraged dissent on the support small businesses need.",
        SPARED,
    )
    assert finding.status == "warn", finding.message
    assert 'says "encouraged"; the transcript says "silenced"' in finding.message
    assert "check the meaning" in finding.message and finding.evidence
    finding = claim_finding(
        "Kevin Nater",
        "Nater said that from the very beginning of the pandemic the Liberals have "
        "silenced dissent on the support small businesses need.",
        SPARED,
    )
    assert finding.status == "ok", finding.message


# --- doers: control, pronouns, "you" ----------------------------------------------------------
def test_agents_the_doer_of_a_controlled_verb_is_the_one_asked():
    evidence = "Each local authority has been asked to identify two of their high schools."
    claim = "The Welsh Government has been asked to identify two high schools."
    [m] = _checks(agents, claim, evidence)
    assert m.check == "agent" and "Government" in m.said and "authority" in m.heard
    assert _checks(agents, "The local authority was asked to identify two schools.", evidence) == []


def test_pronoun_doer_is_the_named_subject_before_it():
    [want] = [
        c
        for c in _clauses("Hefin David said his manifesto said he wanted reform.")
        if c.key == "want"
    ]
    assert want.agent == frozenset({"hefin", "david"})
    # another name between them could be the one meant: unknown
    [want] = [
        c
        for c in _clauses("Hefin David said Williams's manifesto said she wanted reform.")
        if c.key == "want"
    ]
    assert want.agent is None


def test_pronoun_doer_in_the_passage_looks_into_the_sentences_before_it():
    before = parse("Owen Plumb is a grade 9 student who built face shields.")
    [partner] = [
        c
        for c in clauses(parse("He partnered with the Rotary Club."), before=before)
        if c.key == "partner"
    ]
    assert partner.agent == frozenset({"owen", "plumb"})
    # a town is not a candidate: "in Okotoks" stands nearer but is passed over
    before = parse("Owen Plumb is a student in Okotoks.")
    [partner] = [
        c
        for c in clauses(parse("He partnered with the Rotary Club."), before=before)
        if c.key == "partner"
    ]
    assert partner.agent == frozenset({"owen", "plumb"})


def test_agents_you_in_the_passage_is_not_the_speaker():
    speaker = frozenset({"hefin", "david"})
    evidence = clauses(
        parse("In 2016, you wanted to abolish regional consortia."),
        speaker_words=speaker,
        spoken=True,
    )
    assert [c.agent for c in evidence if c.key == "want"] == [ADDRESSEE]
    said = _clauses("Hefin David said he wanted to abolish regional consortia in 2016.")
    found = agents(said, evidence, speaker)
    assert found and (found[0].said, found[0].heard) == ("he wanted", "you wanted")
    # "you" may be anyone but the speaker
    said = _clauses("Hefin David said Williams wanted to abolish regional consortia in 2016.")
    assert agents(said, evidence, speaker) == []


SHARED_SURNAME = make_transcript(
    (0.0, "Suzy Davies", "Were there differences of opinion on what the resource should be?"),
    (
        20.0,
        "Steve Davies",
        "As the Minister said, Estyn ultimately convinced them that they were there to help "
        "and support as opposed to inspect.",
    ),
)


def test_reporting_frame_with_a_surname_two_speakers_share_is_not_a_doer():
    finding = claim_finding(
        "Steve Davies",
        "Steve Davies said Estyn ultimately convinced the stakeholders that they were there "
        "to help and support rather than to inspect.",
        SHARED_SURNAME,
    )
    assert finding.status != "fail", finding.message


def test_agents_he_on_both_sides_is_not_compared():
    # the passage's "he" may be guessed as the person named before it, the claim's as
    # the speaker: the two guesses differ where the words agree
    evidence = clauses(
        parse("He has conversations about resources in the team."),
        before=parse("Mike Jones works with us."),
        spoken=True,
    )
    assert [c.agent for c in evidence if c.key == "have"] == [frozenset({"mike", "jones"})]
    said = _clauses("Gareth Pierce said he has conversations about resources in the team.")
    assert agents(said, evidence) == []
    said = _clauses("Gareth Pierce has conversations about resources in the team.")
    assert [m.check for m in agents(said, evidence)] == ["agent"]


def test_entities_another_name_with_the_same_head_is_a_swap():
    evidence = parse(
        "The universities are required, under the Higher Education (Wales) Act 2015, to "
        "produce fee and access statements."
    )
    claim = parse("Under the Education Reform Act 2015 universities must produce statements.")
    found = entities(claim, evidence)
    assert [(m.said, m.heard) for m in found] == [
        ("Education Reform Act", "Higher Education (Wales) Act")
    ]
    # fewer words of the same name are the same name
    claim = parse("Under the Higher Education Act 2015 universities must produce statements.")
    assert entities(claim, evidence) == []


def test_agents_initials_are_the_same_doer():
    evidence = "The United States has to decide whether it will keep its posture."
    assert (
        _checks(agents, "The U.S. has to decide whether it will keep its posture.", evidence) == []
    )
    found = _checks(agents, "China has to decide whether it will keep its posture.", evidence)
    assert [m.check for m in found] == ["agent"]


# --- fourth round: negation forms, doers that trade places, loose polarity -------------------
def test_polarity_not_on_the_subject_quantifier_negates_the_clause():
    evidence = "We know that all the clinics have not yet reopened."
    assert _checks(polarity, "Not all the clinics have reopened yet.", evidence) == []
    [m] = _checks(polarity, "All the clinics have reopened.", evidence)
    assert m.note == "a negation dropped"


def test_too_adjective_to_negates_the_infinitive():
    [publish] = [c for c in _clauses("It is too soon to publish the survey.") if c.key == "publish"]
    assert publish.negated
    [publish] = [c for c in _clauses("It is time to publish the survey.") if c.key == "publish"]
    assert not publish.negated


def test_no_longer_negates_the_clause():
    [meet] = [c for c in _clauses("Families will no longer meet in the park.") if c.key == "meet"]
    assert meet.negated


def test_pronoun_doer_can_be_a_person_described_by_a_role():
    [approve] = [
        c
        for c in _clauses("The head of Brecon Library spoke today, and she said she approved it.")
        if c.key == "approve"
    ]
    assert approve.agent == frozenset({"head", "brecon", "library"})


def _roles(claim: str, evidence: str):
    claim_doc, evidence_doc = parse(claim), parse(evidence)
    return roles(clauses(claim_doc), clauses(evidence_doc), claim_doc, evidence_doc)


def test_roles_doers_that_trade_places_are_a_contradiction():
    evidence = "Housing is clearly the priority this year, but transport still matters to us."
    [m], doubts = _roles("Transport is the priority this year, and housing comes second.", evidence)
    assert (m.check, m.said, m.heard) == ("role", "Transport is", "Housing is") and doubts == []
    assert _roles("Housing is the priority this year.", evidence) == ([], [])
    # through a controlled verb: "the retailers decide to add conditions"
    evidence = (
        "Negotiations with the growers take a long time because the retailers decide to add "
        "conditions."
    )
    claim = "Negotiations with the retailers take a long time because the growers add conditions."
    [m], _ = _roles(claim, evidence)
    assert "growers" in m.said and "retailers" in m.heard
    claim = "Negotiations take a long time because the retailers add conditions."
    assert _roles(claim, evidence) == ([], [])


def test_roles_a_synonym_object_is_not_a_swap():
    evidence = "Companies that bought another company last year cannot qualify."
    swaps, _ = _roles("Businesses that bought another company last year cannot qualify.", evidence)
    assert swaps == []


def test_roles_the_claims_doer_as_the_passages_means_is_a_doubt():
    evidence = "We deliver the grants through the local councils."
    swaps, [m] = _roles("The local councils deliver the grants.", evidence)
    assert swaps == [] and m.check == "role"
    assert _roles("We deliver the grants.", evidence) == ([], [])


def test_loose_polarity_negation_on_another_predicate_is_a_doubt():
    evidence = "On Sundays families gather in the park near the river."
    [m] = _checks(
        loose_polarity, "Families will no longer meet in the park near the river.", evidence
    )
    assert m.note == "a negation added"
    assert _checks(loose_polarity, "Families meet in the park near the river.", evidence) == []
    # a clause of the same predicate is the polarity check's, not this one's
    assert _checks(loose_polarity, "Families no longer gather in the park.", evidence) == []


def test_substitution_of_an_adjective_with_a_verb_form_and_of_a_modifier_of_a_stop_word():
    evidence = "It is really daunting to fund the new bridge over the estuary."
    [m] = _substitutions("It is simple to fund the new bridge over the estuary.", evidence)
    assert (m.said, m.heard) == ("simple", "daunting")
    evidence = "Rail freight plays a central part in the region's economy."
    [m] = _substitutions("Rail freight plays a marginal part in the region's economy.", evidence)
    assert (m.said, m.heard) == ("marginal", "central")


CLINICS = make_transcript(
    (
        0.0,
        "Dana Reyes",
        "Nearly half of these clinics are run by volunteers from the parish. They open on "
        "weekday evenings and on Saturday mornings. Projects like these bring us closer to "
        "our goal of reaching 25% of rural households by 2030.",
    ),
)


def test_number_said_nearby_in_other_words_does_not_excuse_the_aligned_one():
    finding = claim_finding(
        "Dana Reyes", "Reyes said nearly a quarter of the clinics are run by volunteers.", CLINICS
    )
    assert finding.status == "fail" and '"half"' in finding.message, finding.message
    finding = claim_finding(
        "Dana Reyes", "Reyes said nearly half of the clinics are run by volunteers.", CLINICS
    )
    assert finding.status != "fail", finding.message


def test_a_name_with_an_elided_prefix_is_one_term():
    from podium.engine.verify.claim import _CAPITALISED

    found = _CAPITALISED.findall("Then O'Regan said D’Souza and Rob Orford agreed.")
    assert found == ["O'Regan", "D’Souza", "Rob Orford"]


def test_substitution_ignores_the_claims_own_adverbs():
    evidence = (
        "They give work and stability to the towns, but small shops have been particularly "
        "hard hit by the floods."
    )
    [m] = _substitutions("Small shops have been largely spared by the floods.", evidence)
    assert (m.said, m.heard) == ("spared", "hit")
    assert _substitutions("Small shops have been hit hard by the floods.", evidence) == []


def test_substitution_of_a_verb_on_spacys_stop_list_with_a_stop_listed_object():
    evidence = (
        "People found the old label confusing. So we are going to change the name of the service."
    )
    [m] = _substitutions("The service will keep its name.", evidence)
    assert (m.said, m.heard) == ("keep", "change")
    assert _substitutions("The service will change its name.", evidence) == []


def test_no_with_another_comparative_is_not_a_negation():
    [receive] = [
        c
        for c in _clauses("They would have received it no earlier than 2 p.m. the day before.")
        if c.key == "receive"
    ]
    assert not receive.negated


def _slots(claim: str, evidence: str):
    return slot_swaps(parse(claim), parse(evidence))


def test_slot_swaps_another_name_in_the_same_place():
    evidence = "I want to thank the Kent county police and paramedics for keeping Folkestone safe."
    [m] = _slots(
        "She thanked the Surrey police and paramedics for keeping Folkestone safe.", evidence
    )
    assert (m.check, m.said, m.heard) == ("entity", "Surrey", "Kent county")
    assert _slots("She thanked the Kent county police for keeping Folkestone safe.", evidence) == []
    evidence = "We honour Maya Kerr, a night nurse in Ripon who sews masks for the ward."
    [m] = _slots("He honoured Maya Kerr, a night nurse in Harrogate who sews masks.", evidence)
    assert (m.said, m.heard) == ("Harrogate", "Ripon")


def test_slot_swaps_a_list_the_parser_attaches_elsewhere_is_no_swap():
    evidence = (
        "Such weapons were used in attacks on many occasions, such as at Leeds Arena, at "
        "Harrogate Hall, again at the York mosque and in Hull."
    )
    claim = "Such weapons were used in attacks, such as at Harrogate Hall, at the York mosque and in Hull."
    assert _slots(claim, evidence) == []


def test_slot_swaps_a_name_written_without_spaces_or_a_nested_place_is_no_swap():
    evidence = "They applied for the Canada summer jobs program last year."
    assert _slots("They had applied for the Canadasummer jobs program.", evidence) == []
    evidence = "Take the example of some schools in Blaenau Gwent, where we have seen improvement."
    assert _slots("Like the example of Tredegar, where we have seen improvement.", evidence) == []


# time expressions (a minister's answer in QMSum train/covid_3)
_LOAN = (
    "Those businesses can absolutely have access to the loan at their financial institution "
    "this Friday, and I would encourage them to go and see their bank or credit union."
)


def test_times_another_relative_time_is_a_mismatch():
    claim = "The businesses will have to wait several more weeks before they can get the loan."
    [m] = times(parse(claim), parse(_LOAN))
    assert (m.check, m.said, m.heard) == ("time", "several more weeks", "this Friday")


def test_times_the_same_time_or_unit_is_no_mismatch():
    assert (
        times(parse("The businesses can have access to the loan this Friday."), parse(_LOAN)) == []
    )
    evidence = "We will have the new guidance for schools in a few weeks."
    claim = "The new guidance for schools will come in several weeks."
    assert times(parse(claim), parse(evidence)) == []


def test_times_about_something_else_is_no_mismatch():
    claim = "The committee will meet again next month."
    assert times(parse(claim), parse(_LOAN)) == []


# intention against fact (an official's words in QMSum train/education_5)
_CONSISTENT = (
    "And that comes with what the region knows, and increasingly, we're looking to have it "
    "consistently across 22 local authorities, so they are collecting all the additional data."
)


def test_intentions_a_fact_for_an_intention():
    [m] = _checks(
        intentions, "There is now consistency across all 22 local authorities.", _CONSISTENT
    )
    assert (m.said, m.heard, m.note) == (
        "is now consistency",
        "looking to have",
        "an intention, not a fact",
    )


def test_intentions_the_intention_reported_as_one_is_no_mismatch():
    claim = "The regions are looking to have consistency across all 22 local authorities."
    assert _checks(intentions, claim, _CONSISTENT) == []


def test_intentions_a_fact_the_passage_states_is_no_mismatch():
    evidence = "We now have it consistently across 22 local authorities, and we hope to keep it."
    claim = "There is now consistency across all 22 local authorities."
    assert _checks(intentions, claim, evidence) == []


# a complement swapped under the same verb (a member's petition in QMSum train/covid_3)
_PETITION = "The petitioners are supportive of Bill S204 and want to see it move forward."


def test_complements_an_opposite_direction_is_a_contradiction():
    swaps, doubts = _checks(
        complements, "The petitioners want Bill S-204 to be stopped.", _PETITION
    )
    assert doubts == []
    [m] = swaps
    assert (m.check, m.said, m.heard) == (
        "complement",
        "want … stopped",
        "want to see it move forward",
    )


def test_complements_other_words_without_a_direction_are_a_doubt():
    swaps, doubts = _checks(
        complements, "The petitioners want Bill S-204 to be debated.", _PETITION
    )
    assert swaps == []
    assert [m.said for m in doubts] == ["want … debated"]


def test_complements_the_same_complement_is_no_mismatch():
    claim = "The petitioners want to see Bill S204 move forward."
    assert _checks(complements, claim, _PETITION) == ([], [])
    # another doer wants something else: the agents check's question, not this one's
    assert _checks(complements, "The senators want Bill S-204 to be stopped.", _PETITION) == (
        [],
        [],
    )


# a negation turned on a reworded predicate (a health official in QMSum train/education_2)
def test_negated_paraphrase_same_words_with_the_negation_turned():
    evidence = "If we close the schools, then people collect at others' houses."
    [m] = _checks(negated_paraphrase, "People will no longer gather at others' houses.", evidence)
    assert (m.said, m.heard, m.note) == ("will no longer gather", "collect", "a negation added")


def test_negated_paraphrase_a_predicate_with_an_opposite_may_carry_the_negation():
    # a minister on blended learning (QMSum train/education_2): "stop" is "don't get"
    evidence = (
        "You get this for two weeks, then you don't get it for two weeks, and then you're "
        "back in. My understanding is, in England, that is what they're going to do."
    )
    claim = "In England schools are expected to give provision for two weeks and then stop for two weeks."
    assert "stop" in [m.said for m in _checks(loose_polarity, claim, evidence)]
    assert _checks(negated_paraphrase, claim, evidence) == []


def test_negated_paraphrase_against_an_intention_is_no_contradiction():
    claim = "There is not yet consistency across all 22 local authorities."
    assert _checks(negated_paraphrase, claim, _CONSISTENT) == []


def test_negated_paraphrase_a_predicate_the_passage_says_is_not_reworded():
    # a minister on a new approach (QMSum train/education_5): the parse pairs the claim
    # with "needed a new approach", but the passage says "not dissimilar" itself
    claim = "The new approach is not dissimilar to something that is happening in Scotland."
    evidence = (
        "But it's actually not dissimilar to something that's happening in Scotland as well. "
        "But we knew that carrying on doing the same old thing clearly wasn't moving these "
        "schools, we needed a new approach, and this is what we're doing at the moment."
    )
    assert [m.heard for m in _checks(loose_polarity, claim, evidence)] == ["needed"]
    assert _checks(negated_paraphrase, claim, evidence) == []


# lists of names in one place (real sentences: QMSum val/education_18, train/covid_10)
_SETTLEMENTS = (
    "When we've seen the teachers' pay settlement, we've seen FE settlements in England and "
    "Scotland higher than what's on the table here."
)


def test_slot_swaps_one_name_of_a_list_swapped_for_another():
    [m] = _slots(
        "She said FE settlements in England and Northern Ireland were higher than the offer.",
        _SETTLEMENTS,
    )
    assert (m.check, m.said, m.heard) == ("entity", "Northern Ireland", "Scotland")
    evidence = (
        "Tourism-based communities like the ones in Banff and Canmore, which I represent, are "
        "tourism-based economies."
    )
    [m] = _slots(
        "He said communities like the ones in Jasper and Canmore are tourism-based economies.",
        evidence,
    )
    assert (m.said, m.heard) == ("Jasper", "Banff")


def test_slot_swaps_a_list_reordered_shortened_or_lengthened_is_no_swap():
    for claim in (
        "She said FE settlements in Scotland and England were higher than the offer.",
        "She said FE settlements in England were higher than the offer.",
        "She said FE settlements in England, Scotland and Wales were higher than the offer.",
    ):
        assert _slots(claim, _SETTLEMENTS) == [], claim


# quantifiers (real sentences: QMSum train/covid_0, train/covid_1)
_EMPLOYERS = (
    "Last year, there was no crisis and, as of April, all employers who had been admitted to "
    "the program had received the money."
)

_REGIONS = "Unfortunately, not all regions of Canada have reliable, affordable, high-speed access."


def _quantifiers(claim: str, evidence: str):
    return quantifiers(parse(claim), parse(evidence))


def test_quantifiers_few_or_none_where_the_passage_says_all_or_most():
    [m] = _quantifiers(
        "He said only a few employers admitted to the program had received the money by April.",
        _EMPLOYERS,
    )
    assert (m.check, m.said, m.heard) == ("quantifier", "only a few employers", "all employers")
    evidence = (
        "Deloitte is assisting with and sourcing manufacturers, and all contracts are signed "
        "by the government with manufacturers."
    )
    [m] = _quantifiers("He said few contracts are signed by the government.", evidence)
    assert (m.said, m.heard) == ("few contracts", "all contracts")
    [m] = _quantifiers(
        "She said none of the schools had received the money.",
        "Most of the schools received the money in April.",
    )
    assert (m.said, m.heard) == ("none of the schools", "Most of the schools")


def test_quantifiers_all_where_the_passage_says_not_all():
    [m] = _quantifiers("She said all regions of Canada have reliable high-speed access.", _REGIONS)
    assert (m.said, m.heard) == ("all regions", "not all regions")


def test_quantifiers_the_same_or_a_weaker_word_is_no_contradiction():
    for claim in (
        "He said all employers admitted to the program had received the money by April.",
        "He said most employers admitted to the program had received the money.",
        "He said every employer admitted to the program had received the money.",
    ):
        assert _quantifiers(claim, _EMPLOYERS) == [], claim
    assert _quantifiers("She said many regions of Canada have high-speed access.", _REGIONS) == []


def test_quantifiers_the_same_noun_in_another_statement_is_not_compared():
    # "all employers ... received the money" says nothing about employers who applied
    assert (
        _quantifiers("He said few employers applied for the program last year.", _EMPLOYERS) == []
    )


def test_pronoun_doer_is_a_person_introduced_with_who():
    # real: QMSum train/education_15 (Dr Frank Atherton); "Nathan" is the subject before,
    # but Evie Morgan is introduced as a person ("…, who came to …") after him
    evidence = (
        "Well, Nathan may be able to influence some of the detail, but in broad terms, we have "
        "discussed with young people in a number of fora. In fact, I was delighted that we had "
        "a young person, Evie Morgan, a schoolgirl from mid Wales, who came to the joint launch "
        "on the consultation. She met the Minister there and gave a very good personal account "
        "of her views on obesity and overweight."
    )
    heard = _clauses(evidence, spoken=True)
    said = _clauses("Atherton said Nathan met the Minister at the launch.")
    [m] = agents(said, heard, frozenset())
    assert (m.said, m.heard) == ("Nathan met", "She met")
    said = _clauses("Atherton said Evie Morgan met the Minister at the launch.")
    assert agents(said, heard, frozenset()) == []


def test_pronoun_doer_is_unknown_when_the_name_before_is_not_introduced_as_a_person():
    # "Okotoks" (a town the small model labels a person) is not introduced with "who"
    evidence = (
        "There is a new plant in Okotoks making masks for the hospital. He partnered with the "
        "Rotary Club to help with the manufacturing."
    )
    said = _clauses("Barlow said Sam Schofield partnered with the Rotary Club.")
    assert agents(said, _clauses(evidence, spoken=True), frozenset()) == []


# descriptions (real sentences: QMSum val/covid_6, train/covid_0)
_SCHOFIELD = (
    "There is also Sam Schofield, the volunteer president of the Pincher Creek Chamber of "
    "Commerce, overnight built a resiliency website for COVID19 by building training tools "
    "for businesses throughout his area."
)


def test_descriptions_given_to_another_name():
    claim = (
        "Barlow said Owen Plumb, the volunteer president of the Pincher Creek Chamber of "
        "Commerce, built a resiliency website."
    )
    [m] = descriptions(parse(claim), parse(_SCHOFIELD))
    assert (m.check, m.said, m.heard) == (
        "description",
        "Owen Plumb, the volunteer president",
        "Sam Schofield, the volunteer president",
    )
    # two people's descriptions traded, the transcript gluing the names
    evidence = (
        "I would also like to thank BrunoLetendre, outgoing chair of the Producteurs de lait "
        "du Qubec, and I congratulate the new chair, DanielGobeil."
    )
    claim = (
        "Perron thanked Daniel Gobeil, the outgoing chair of the Producteurs de lait du "
        "Québec, and congratulated the new chair, Bruno Letendre."
    )
    [m] = descriptions(parse(claim), parse(evidence))
    assert (m.said, m.heard) == (
        "Daniel Gobeil, the outgoing chair",
        "BrunoLetendre, outgoing chair",
    )
    claim = (
        "Perron thanked Bruno Letendre, the outgoing chair of the Producteurs de lait du "
        "Québec, and congratulated the new chair, Daniel Gobeil."
    )
    assert descriptions(parse(claim), parse(evidence)) == []


def test_descriptions_the_same_name_or_another_description_is_no_swap():
    for claim in (
        "Barlow said Sam Schofield, the volunteer president of the Pincher Creek Chamber of "
        "Commerce, built a resiliency website.",
        # not the same description ("president" without "volunteer"): not compared
        "Barlow said Owen Plumb, the president of the chamber, built a website.",
    ):
        assert descriptions(parse(claim), parse(_SCHOFIELD)) == [], claim


# existence (real sentences: QMSum train/covid_7, train/education_12)
def _existence(claim: str, evidence: str):
    return existence(_clauses(claim), _clauses(evidence, spoken=True))


def test_existence_a_thing_the_passage_says_there_is_not():
    evidence = (
        "We don't have a BSE exemption that would allow us to use American processors, and "
        "there's been no incentive to create additional capacity to process."
    )
    [m] = _existence(
        "He said the BSE exemption allows farmers to use American processors.", evidence
    )
    assert (m.check, m.said, m.heard) == (
        "existence",
        "the BSE exemption allows",
        "don't have a BSE exemption",
    )
    evidence = (
        "And certainly, there is no peer-reviewed research that says that physically punishing "
        "a child is going to improve things, has favourable outcomes."
    )
    [m] = _existence(
        "She said peer-reviewed research shows that physically punishing a child improves things.",
        evidence,
    )
    assert m.heard == "is no peer-reviewed research"


def test_existence_a_denied_amount_or_a_claim_that_agrees_is_not_a_contradiction():
    evidence = (
        "We don't have a BSE exemption that would allow us to use American processors, and "
        "there's been no incentive to create additional capacity to process."
    )
    assert (
        _existence("He said farmers have no BSE exemption to use American processors.", evidence)
        == []
    )
    # "don't have enough equity" denies an amount, not that there is equity
    evidence = (
        "Young and new farmers are struggling, as they don't have enough equity built up to "
        "borrow money to survive these difficult times."
    )
    assert _existence("He said young farmers' built-up equity remains too small.", evidence) == []
    # "you don't have a social worker" (a possessor of its own) says nothing of whether
    # there are social workers (real: QMSum train/education_1, Kirsty Williams)
    evidence = (
        "We also know that just because you don't have a social worker or a statement of "
        "special educational needs does not mean that a child may not be vulnerable."
    )
    claim = "She said local authorities were hiring a social worker for vulnerable children."
    assert _existence(claim, evidence) == []


# --- predicates the passage never says (seventh round) --------------------------------------
# Sentences from train/covid_7 (turns the hand-written claims do not use) and val/covid_2.
PARAMEDICS = (
    "I hope this week all Canadians will take a moment to thank a paramedic or any "
    "front-line health care worker in their community for the amazing services they have "
    "been called upon to perform."
)
YUKON = (
    "Yukon University will provide Yukoners with educational opportunities closer to home, "
    "expand our research capabilities and expertise on the Arctic and climate change."
)


def _unsaid(claim: str, evidence: str, is_speaker=None):
    from podium.engine.verify.claim import _word_similarity

    claim_doc, evidence_doc = parse(claim), parse(evidence)
    said = clauses(claim_doc, is_speaker=is_speaker, bare_frames=True)
    return unsaid_predicates(said, claim_doc, evidence_doc, _word_similarity)


def test_unsaid_predicate_is_named():
    schmale = {"Schmale"}.__contains__
    [m] = _unsaid("Schmale criticised paramedics for their services.", PARAMEDICS, schmale)
    assert (m.check, m.said) == ("unsaid", "criticised")
    assert m.describe("1:02") == 'the transcript does not say "criticised" at 1:02'


def test_unsaid_predicate_does_not_fire_on_said_or_close_words():
    schmale = {"Schmale"}.__contains__
    # the passage's own verb, as a bare frame ("thanked X") or under "said"
    assert _unsaid("Schmale thanked paramedics for their services.", PARAMEDICS, schmale) == []
    assert _unsaid("Schmale said Canadians should thank a paramedic.", PARAMEDICS, schmale) == []
    # a reporting verb with a clause under it is the frame, not the claim
    assert _unsaid("Schmale urged Canadians to thank a paramedic.", PARAMEDICS, schmale) == []
    # another form of a word the passage says ("provide" / "provision") is said
    claim = "Yukon University will be the provider of educational opportunities closer to home."
    assert _unsaid(claim, YUKON) == []
    # a word close in meaning by its MiniLM vector ("gather" / "collect", 0.6)
    claim = "The Aurora Museum is gathering artifacts to document the pandemic."
    assert _unsaid(claim, MUSEUM) == []
    # "according to" is a preposition, not a predicate
    claim = "According to Bagnell, Yukon University will provide educational opportunities."
    assert _unsaid(claim, YUKON) == []


def test_unsaid_predicate_leaves_quote_frames_and_noun_modifiers_alone():
    schmale = {"Schmale"}.__contains__
    # the claim check reads 'Schmale said, "…"' with the quote cut out: the verb frames it
    assert _unsaid("Schmale said, ….", PARAMEDICS, schmale) == []
    assert _unsaid('Schmale said, "thank a paramedic".', PARAMEDICS, schmale) == []
    claim = "Schmale said that Canadians should thank a paramedic, noting that …"
    assert _unsaid(claim, PARAMEDICS, schmale) == []
    # "the capacity to document" names what the museum has; "document" is not claimed as done
    claim = "The museum has the capacity to catalogue artifacts of the pandemic."
    assert [m.said for m in _unsaid(claim, MUSEUM)] == []
    # while a reporting verb with an object of its own is still the claim
    [m] = _unsaid("Schmale criticised paramedics for their services.", PARAMEDICS, schmale)
    assert m.said == "criticised"


def test_same_word_is_a_form_not_a_shared_start():
    from podium.engine.verify.consistency import _same_word

    assert _same_word("invest", "investment") and _same_word("fund", "funding")
    assert not _same_word("criticise", "critical") and not _same_word("decide", "decision")


MUSEUM = "The Aurora Museum & Archives is collecting artifacts to document the pandemic."
BLOOD_BAN = (
    "That's why I'm so disappointed that the Liberals have maintained the ban on blood "
    "donations from gay men and trans women."
)


def test_light_verb_whose_object_the_passage_gives_to_another_verb():
    claim_doc, evidence_doc = (
        parse("The Liberals have made a ban on blood donations."),
        parse(BLOOD_BAN),
    )
    [m] = light_verb_swaps(clauses(claim_doc), claim_doc, evidence_doc)
    assert (m.check, m.said, m.heard) == ("substitution", "made … ban", "maintained … ban")
    # the passage's own verb, or a full verb of the claim: not a light verb swapped
    claim_doc = parse("The Liberals have maintained a ban on blood donations.")
    assert light_verb_swaps(clauses(claim_doc), claim_doc, evidence_doc) == []
    claim_doc = parse("The Liberals kept the ban on blood donations.")
    assert light_verb_swaps(clauses(claim_doc), claim_doc, evidence_doc) == []
    # the same generic verb on both sides (val/covid_2 words)
    evidence_doc = parse("The Liberals and the Conservatives are getting the wage subsidy.")
    claim_doc = parse("The Liberals got the wage subsidy.")
    assert light_verb_swaps(clauses(claim_doc), claim_doc, evidence_doc) == []


def test_a_reporting_verb_with_an_object_under_another_is_an_act():
    genuis = {"Genuis"}.__contains__
    said = clauses(
        parse("Genuis said he presented a petition on organ harvesting."), is_speaker=genuis
    )
    assert [c.key for c in said] == ["present"]
    # a bare frame is still a frame, unless asked for
    assert (
        clauses(parse("Genuis presented a petition on organ harvesting."), is_speaker=genuis) == []
    )
    kept = clauses(
        parse("Genuis presented a petition on organ harvesting."),
        is_speaker=genuis,
        bare_frames=True,
    )
    assert [c.key for c in kept] == ["present"]
    # "said he thinks that …": the inner verb reports a clause, so it is a frame
    said = clauses(parse("Genuis said he thinks that the practice is horrific."), is_speaker=genuis)
    assert [c.key for c in said] == ["horrific"]


SCOUTS = make_transcript(
    (
        0.0,
        "Peter Fonseca",
        "I've always been amazed with the support within our community for the Scouts' food "
        "drive. The Scouts and their leaders collected over 500 boxes of food this spring for "
        "the Mississauga Food Bank.",
    ),
)


def test_claim_that_gives_the_speaker_a_reported_act_of_others_fails():
    finding = claim_finding(
        "Peter Fonseca",
        "Fonseca said he collected over 500 boxes of food this spring for the Mississauga Food "
        "Bank.",
        SCOUTS,
    )
    assert finding.status == "fail" and "he collected" in finding.message


def test_claim_with_an_unsaid_predicate_warns_to_check_the_wording():
    finding = claim_finding(
        "Peter Fonseca",
        "Fonseca criticised the support within the community for the Scouts' food drive.",
        SCOUTS,
    )
    assert finding.status == "warn"
    assert 'the transcript does not say "criticised"' in finding.message
    assert "check the wording" in finding.message


# --- a numbered thing the passage calls by its kind (seventh round) --------------------------
# train/covid_3 (Garnett Genuis's petitions); the last sentence shortened from "They're
# asking the government to support amendments to fix the definition …".
PETITIONS = make_transcript(
    (
        0.0,
        "Garnett Genuis",
        "The second petition deals with Bill C-8, which is the government's bill around "
        "conversion therapy. The petitioners support efforts to ban conversion therapy. They "
        "express concern about problems in the wording of the definition used in the bill. "
        "They're asking the government to fix the definition in the bill.",
    ),
)


def test_a_numbered_thing_the_passage_calls_by_its_kind_is_the_one_named_before():
    finding = claim_finding(
        "Garnett Genuis",
        "Genuis said the petitioners are concerned about the wording of the definition used in "
        "Bill C-7.",
        PETITIONS,
    )
    assert finding.status == "fail"
    assert 'says "Bill C7"; the transcript says "Bill C8"' in finding.message


def test_the_number_named_before_or_no_number_before_is_not_a_swap():
    finding = claim_finding(
        "Garnett Genuis",
        "Genuis said the petitioners are concerned about the wording of the definition used in "
        "Bill C-8.",
        PETITIONS,
    )
    assert finding.status != "fail", finding.message
    unnumbered = make_transcript(
        (
            0.0,
            "Garnett Genuis",
            "The petitioners support efforts to ban conversion therapy. They express concern "
            "about problems in the wording of the definition used in the bill.",
        ),
    )
    finding = claim_finding(
        "Garnett Genuis",
        "Genuis said the petitioners are concerned about the wording of the definition used in "
        "Bill C-8.",
        unnumbered,
    )
    assert "the one it speaks of" not in finding.message


# train/covid_7, Peter Fonseca's statement
RAISED = (
    "David and his group of Scouts raised over $46,000 worth of food last year for the "
    "Mississauga Food Bank and The Compass."
)


def test_a_possessed_doer_is_the_possessor_named_in_the_passage():
    fonseca = {"Fonseca"}.__contains__
    claim = "Fonseca said David Chant's Scouts raised over $46,000 worth of food last year."
    said = _clauses(claim, is_speaker=fonseca)
    assert agents(said, _clauses(RAISED, spoken=True)) == []
    # another possessor is another doer
    claim = "Fonseca said Isaac Kettle's Scouts raised over $46,000 worth of food last year."
    said = _clauses(claim, is_speaker=fonseca)
    [m] = agents(said, _clauses(RAISED, spoken=True))
    assert m.check == "agent" and "Kettle's Scouts raised" in m.said

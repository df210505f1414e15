"""The document quotes and research lines the rules cite.

Every quote is copied byte for byte from one of the two seed documents (curly
apostrophes, stray spaces before punctuation and all): a test checks each one is
a substring of the file it names. The documents are translated web articles and
forum threads; only their training advice is quoted, never the folk remedies.

The research lines summarise EVIDENCE.md in one sentence each; they may be
reworded, the quotes may not.
"""

from __future__ import annotations

from .i18n import N_
from .types import Source

DOC_CALVES = "000_cf8ed46f20d463a4.txt"
DOC_LEGS = "003_71d7c04d76774aa5.txt"
# What a reader calls each document (the file name stays the source's identity in
# the JSON contract and is shown beside the title as a small reference).
DOCUMENT_TITLES = {
    DOC_CALVES: N_("Why do my calves hurt after or during running?"),
    DOC_LEGS: N_("Why do your calves hurt so much after training? (an article and forum threads)"),
}


def _quote(document: str, text: str) -> Source:
    return Source(document, text, DOCUMENT_TITLES[document])


# --- load -----------------------------------------------------------------

SHARP_INCREASE = _quote(
    DOC_LEGS,
    "If there is a lot of pressure on the leg bones associated with a sharp increase in the "
    "amount of physical exercise, your legs hurt after running, jumping, and squats.",
)
GRADUALLY = _quote(
    DOC_LEGS,
    "because you haven't done anything before. don’t do heavy loads right away! "
    "you need to GRADUALLY",
)
FEASIBLE_LOAD = _quote(
    DOC_LEGS,
    "To do this, you need to listen to your body, selecting a feasible load, "
    "gradually increasing it.",
)
NOT_EVERY_DAY = _quote(
    DOC_LEGS,
    "And I wouldn’t immediately start running every day - this is quite a serious load "
    "on both muscles and joints.",
)
REST_DAYS = _quote(
    DOC_LEGS,
    "It is important to give the body time to recover, periodically arranging rest days, "
    "and regularly changing the training program.",
)
SPEED_SHARE = _quote(
    DOC_CALVES,
    "Running is not a strength sport. Even if you practice acceleration in certain sections "
    "of the distance, they should occupy no more than 30% of the distance covered during "
    "training, but optimally up to 10%.",
)

# The forum log in 003 of 400, 400, 700, 500 and 1500 jumps ends with this line.
JUMP_ROPE_INJURY = _quote(
    DOC_LEGS, "A sprained Achilles tendon and knee pain are what the jump rope gave me"
)

# --- surface and terrain --------------------------------------------------

HARD_TRACK = _quote(
    DOC_CALVES,
    "If you choose a hard track, for example, covered with asphalt, then not only your "
    "calves may hurt, but also your knee joints.",
)
ASPHALT_HARMFUL = _quote(
    DOC_LEGS, "Author, you probably run and jump on the asphalt. It is harmful."
)
HILL_SAND = _quote(
    DOC_CALVES,
    "Increased stress can also create pain in the calves. This is especially likely when "
    "climbing a hill or running on a sand path, which doubles the work of the calf muscles.",
)
DESCENTS = _quote(DOC_LEGS, "By the way, descents are harder on your joints than ascents.")

# --- warm-up, cool-down, stopping -----------------------------------------

WARM_UP = _quote(
    DOC_LEGS,
    "Note! To prevent leg muscle soreness after intense exercise and avoid injury, you "
    "should always do leg warm-up exercises at the beginning of each workout.",
)
WARMED_UP_BEFORE_JOGGING = _quote(
    DOC_CALVES,
    "Even after the pain goes away, because the muscles must be warmed up before jogging.",
)
# The next sentence in that document says "sore throat" where the original means
# muscle soreness (a mistranslation), so only the first sentence is quoted.
COOL_DOWN_STRETCHING = _quote(DOC_LEGS, "After class, stretching (cooling down) is required.")
KEEP_MOVING_AFTER = _quote(
    DOC_CALVES,
    "After jogging, you should also not take a stationary position. Move until your heart "
    "rate calms down and another 5-10 minutes have passed.",
)
WALK_DONT_STOP = _quote(
    DOC_CALVES,
    "Therefore, if you are tired, it is better to cover the rest of the distance on foot, "
    "but not take a break.",
)

# --- shoes ----------------------------------------------------------------

RUNNING_SHOES = _quote(DOC_CALVES, "However, your workout won't go far without running shoes.")
UNCOMFORTABLE_SHOES = _quote(
    DOC_CALVES,
    "Uncomfortable shoes do not allow your feet to properly contact the surface of the "
    "treadmill, prevent you from correctly distributing the load between the muscles, and "
    "strain the Achilles tendon .",
)
SHOES_SPREAD = _quote(
    DOC_CALVES, "If the shoes start to spread out to the sides, they are not suitable for running."
)
SHOES_SIX_MONTHS = _quote(
    DOC_LEGS,
    "The funny thing is that these sneakers need to be changed quickly - either after "
    "4 months, or after six months.",
)
NON_RUNNING_SNEAKERS = _quote(
    DOC_LEGS, "or even in sneakers without running (fitness, tennis, dancing)"
)

# --- pain -----------------------------------------------------------------

FIVE_DAYS = _quote(
    DOC_LEGS,
    "And if it does not stop within five days, there is reason to be wary and consult a doctor.",
)
VISIT_SPECIALIST = _quote(
    DOC_CALVES,
    "If your leg muscles hurt for no apparent physiological reason, especially in cases "
    "where the discomfort is quite strong, appears regularly and does not go away after "
    "proper rest, you should visit a specialist.",
)
ACUTE_PAIN = _quote(
    DOC_LEGS,
    "Carefully! Acute pain may be a symptom of a sprained or torn muscle or ligament. It is "
    "necessary to immediately exclude all physical activity on the sore leg and contact a "
    "traumatologist to clarify the diagnosis.",
)
NO_TRAINING_THROUGH_ACUTE_PAIN = _quote(
    DOC_LEGS, "Under no circumstances should you continue training while enduring acute pain!"
)
SEE_DOCTOR_IMMEDIATELY = _quote(DOC_LEGS, "How to react? See a doctor immediately.")
PULSATING = _quote(
    DOC_CALVES,
    "With thrombophlebitis, the pain in the leg in the calf area is pulsating in nature, and "
    "what is noteworthy is that the discomfort is constant, compared to other diseases.",
)
SWELLING = _quote(
    DOC_CALVES, "As already mentioned, pain in the legs is often accompanied by swelling."
)
# Only the first sentence: the next one points to micronutrient deficiency, and
# the app never suggests supplements (see EVIDENCE.md, night-pain).
NIGHT_CRAMP = _quote(
    DOC_LEGS,
    "If you wake up in the middle of the night from unbearable pain, and your calf muscle is "
    "cramped, you will agree that the feeling is not a pleasant one.",
)
WORSE_AT_NIGHT = _quote(
    DOC_CALVES,
    "However, over time, discomfort in the leg muscles accompanies a person every day, "
    "intensifies at night, does not go away after a long rest (long weekend or vacation with "
    "a minimum of stress), and the pain is no longer relieved by folk remedies or "
    "over-the-counter painkillers.",
)
REGULAR_PAIN_DOCTOR = _quote(
    DOC_CALVES, "If you experience regular pain in your legs, you should consult a doctor."
)
OVERLOAD_STOP_A_WEEK = _quote(
    DOC_LEGS,
    "One of the symptoms is an unpleasant, unnerving pain that comes without any apparent "
    "reason in the muscles being stressed. You need to stop training for at least a week.",
)
REVIEW_THE_PROGRAM = _quote(
    DOC_LEGS,
    "If painful sensations in the legs become constant companions of training for a long "
    "time, you cannot ignore it. It is imperative to review the training program , since the "
    "existing program may be too heavy, which can lead to muscle overtraining.",
)

ALL_SOURCES: tuple[Source, ...] = (
    SHARP_INCREASE,
    GRADUALLY,
    FEASIBLE_LOAD,
    NOT_EVERY_DAY,
    REST_DAYS,
    SPEED_SHARE,
    JUMP_ROPE_INJURY,
    HARD_TRACK,
    ASPHALT_HARMFUL,
    HILL_SAND,
    DESCENTS,
    WARM_UP,
    WARMED_UP_BEFORE_JOGGING,
    COOL_DOWN_STRETCHING,
    KEEP_MOVING_AFTER,
    WALK_DONT_STOP,
    RUNNING_SHOES,
    UNCOMFORTABLE_SHOES,
    SHOES_SPREAD,
    SHOES_SIX_MONTHS,
    NON_RUNNING_SNEAKERS,
    FIVE_DAYS,
    VISIT_SPECIALIST,
    ACUTE_PAIN,
    NO_TRAINING_THROUGH_ACUTE_PAIN,
    SEE_DOCTOR_IMMEDIATELY,
    PULSATING,
    SWELLING,
    NIGHT_CRAMP,
    WORSE_AT_NIGHT,
    REGULAR_PAIN_DOCTOR,
    OVERLOAD_STOP_A_WEEK,
    REVIEW_THE_PROGRAM,
)

# --- research, one line a rule (EVIDENCE.md, reworded) --------------------

EVIDENCE_VOLUME_JUMP = N_(
    "Week-to-week increases showed no clear link to injury: borderline above 30% in novices "
    "(Nielsen 2014), and a 10%-a-week plan did not prevent injuries (Buist 2008)."
)
EVIDENCE_LONG_RUN_SPIKE = N_(
    # xgettext:no-python-format
    "A run more than 10% longer than the longest of the previous 30 days raised injury risk "
    "in 5,205 runners (Frandsen 2025: hazard ratio 1.64 at 10-30% over)."
)
EVIDENCE_IMPACT_SPIKE = N_(
    "No study of sudden increases in rope jumping was found; the line borrows the running "
    "studies' (Frandsen 2025, Nielsen 2014) and the document's own log of a sprained Achilles."
)
EVIDENCE_LOAD_RATIO = N_(
    "The acute:chronic ratio comes from team sports (Gabbett 2016, Williams 2017) and is "
    "criticised as a statistical artefact (Lolli 2019, Impellizzeri 2020): context, not a verdict."
)
EVIDENCE_RETURN_AFTER_BREAK = N_(
    "No study of runners coming back from a break was found; building up again gradually is "
    "the documents' advice."
)
EVIDENCE_NO_REST_DAY = N_(
    "Training monotony (Foster 1998) relates to illness at individual thresholds; no study "
    "in runners was found."
)
EVIDENCE_MONOTONY = N_(
    "In one study of 25 athletes, mostly speed skaters (Foster 1998), illnesses followed weeks "
    "of high strain, and monotony above 2.0 went with them; no study in runners was found. The "
    "documents ask for rest days and a changing programme, not for effort ratings."
)
EVIDENCE_TOO_MUCH_SPEED = N_(
    "Progressing intensity rather than volume made no difference to injuries "
    "(Run Clever trial 2018)."
)
EVIDENCE_HARD_SURFACE = N_(
    # xgettext:no-python-format
    "Plantar pressure is about 12% higher on asphalt than on grass (Tessuti 2010) but in-shoe "
    "forces are similar across surfaces (Tillman 2002); no injury study was found."
)
EVIDENCE_HILLS_SAND = N_(
    "Downhill running causes more delayed-onset soreness through eccentric loading; that "
    "it causes injury is not shown."
)
EVIDENCE_WARM_UP = N_(
    "A warm-up, cool-down and stretching programme did not reduce injuries in runners "
    "(van Mechelen 1993): a habit tip."
)
EVIDENCE_COOL_DOWN = N_(
    "Active cool-downs do not appear to prevent injuries and mostly do not reduce soreness "
    "(Van Hooren & Peake 2018): a habit tip."
)
EVIDENCE_STOPPED = N_("No study was found either way.")
EVIDENCE_SHOES = N_(
    "Cushioning falls with use, but the usual 480-800 km replacement range is convention, "
    "not injury evidence; rotating pairs lowered injury risk (Malisoux 2015)."
)
EVIDENCE_PAIN_PERSISTING = N_(
    "Delayed-onset muscle soreness peaks 24-72 h after exercise and usually clears within "
    "five to seven days: pain beyond that is worth a look."
)
EVIDENCE_ACUTE_PAIN = N_(
    "Standard sports-medicine triage: sudden sharp or severe pain needs an examination "
    "before more training."
)
EVIDENCE_VASCULAR = N_(
    "One-sided calf pain with swelling, warmth or discoloured skin are signs of deep-vein "
    "thrombosis; with breathlessness or chest pain it is an emergency."
)
EVIDENCE_NIGHT_PAIN = N_(
    "Magnesium is unlikely to help ordinary cramps (Cochrane, Garrison 2020): talk to a "
    "doctor rather than taking supplements."
)
EVIDENCE_RECURRING_PAIN = N_(
    "Overreaching and overtraining are real; the thresholds used here are the app's own."
)
# The two questionnaires are not in the seed documents: their flags quote the
# document sentence closest to what they advise, and the research line names
# the instrument (docs/evidence.md has the full note).
EVIDENCE_WELLNESS_BASELINE = N_(
    "Self-reported wellness (Hooper & Mackinnon 1995) tracks training load better than blood "
    "markers (Saw 2016); the 1.5-SD personal line is the app's choice, not a validated cut-off."
)
EVIDENCE_OSTRC_SUBSTANTIAL = N_(
    "The OSTRC overuse questionnaire (Clarsen 2013, revised 2020 as OSTRC-O2) is validated for "
    "counting overuse problems; a 'substantial problem' is its published definition."
)

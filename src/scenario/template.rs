//! `klachtwijs new`: a small, complete scenario to start from. Every field is explained in
//! a comment; the model's five steps are laid out as nodes, with one flare-up, one select
//! turn and three endings. It checks with no errors and no warnings (the checker has no
//! "replace me" note, so what to replace is said in comments only); `tests/template.rs`
//! checks and plays all four combinations.
//!
//! Over 500 lines: the template is mostly text, in Dutch and English, for both models.

use crate::scenario::model::{Language, ModelId};

/// One talk turn of the template: a good answer and a pitfall answer.
struct Turn {
    id: &'static str,
    says: [&'static str; 2],
    good: [&'static str; 2],
    shows: &'static str,
    bad: [&'static str; 2],
    pitfall: &'static str,
}

/// A select item: text, belongs, shows, pitfalls.
type Item = ([&'static str; 2], bool, &'static str, &'static str);

/// What differs per model: the five step turns, the flare return and the select turn.
struct Content {
    steps: [Turn; 5],
    flare_good: ([&'static str; 2], &'static str),
    select_prompt: [&'static str; 2],
    items: [Item; 3],
    select_shows_step: &'static str,
}

fn klachtengesprek() -> Content {
    Content {
        steps: [
            Turn {
                id: "luisteren",
                says: [
                    "Ik wacht al drie weken op een antwoord. Niemand belt terug!",
                    "I have been waiting three weeks for an answer. Nobody calls back!",
                ],
                good: [
                    "Drie weken zonder antwoord, dat is lang. U bent er boos over. Wat is er precies gebeurd?",
                    "Three weeks without an answer is long. You are angry about it. What happened exactly?",
                ],
                shows: r#""greet", "reflect_emotion", "ask_open""#,
                bad: [
                    "Wij krijgen heel veel post binnen, meneer, dan duurt het soms gewoon wat langer voordat iemand reageert.",
                    "We receive a great deal of post, sir, so it simply takes a little longer sometimes before anyone replies.",
                ],
                pitfall: "excuses",
            },
            Turn {
                id: "onderzoeken",
                says: [
                    "Ik heb twee keer gebeld en een mail gestuurd. En toen niets.",
                    "I called twice and sent an e-mail. And then nothing.",
                ],
                good: [
                    "U belde twee keer en mailde, en hoorde niets. Wat vervelend voor u. Ik zoek op wat er met uw mail gebeurd is.",
                    "You called twice and wrote, and heard nothing. I am sorry you went through that. I will look up what happened to your e-mail.",
                ],
                shows: r#""summarise", "apologise_experience", "investigate_facts""#,
                bad: [
                    "Dan heeft de afdeling post het waarschijnlijk laten liggen, daar kan ik zelf ook niets aan doen.",
                    "Then the post room probably left it lying around, and there is nothing I can do about that myself.",
                ],
                pitfall: "shifting_blame",
            },
            Turn {
                id: "repareren",
                says: ["En? Wat ging er mis?", "Well? What went wrong?"],
                good: [
                    "Uw mail is niet doorgezet. Dat is onze fout, excuses daarvoor. Ik bel u morgen voor twaalf uur met het antwoord. Wilt u ook het klachtformulier?",
                    "Your e-mail was not passed on. That is our mistake, and I apologise. I will call you before noon tomorrow with the answer. Would you also like the complaint form?",
                ],
                shows: r#""admit_mistake", "apologise_mistake", "offer_solution", "explain_procedure""#,
                bad: [
                    "Volgens ons systeem is er niets misgegaan, de mail is gewoon op tijd in behandeling genomen hoor.",
                    "According to our system nothing went wrong; the e-mail was simply taken into handling on time.",
                ],
                pitfall: "denying",
            },
            Turn {
                id: "evalueren",
                says: [
                    "Goed. Als u morgen echt belt.",
                    "Fine. If you really do call tomorrow.",
                ],
                good: [
                    "Dat doe ik. Is uw klacht hiermee opgelost, en was mijn uitleg duidelijk? Belt u gerust als er nog iets is.",
                    "I will. Does this resolve your complaint, and was my explanation clear? Do call if anything else comes up.",
                ],
                shows: r#""check_satisfaction", "check_information", "invite_contact""#,
                bad: [
                    "Ja hoor, dat komt wel goed, daar hoeft u zich nu verder echt geen zorgen meer over te maken.",
                    "Yes, that will be fine, you really do not need to worry about it any further now.",
                ],
                pitfall: "indifference",
            },
            Turn {
                id: "bedanken",
                says: [
                    "Nou, dan hoor ik het morgen.",
                    "Right, I will hear from you tomorrow.",
                ],
                good: [
                    "Dank u dat u dit meldde. Ik geef het door aan de klachtencoördinator, zodat mails niet meer blijven liggen.",
                    "Thank you for raising this. I will pass it on to the complaints coordinator so e-mails no longer get stuck.",
                ],
                shows: r#""thank", "learning_signal""#,
                bad: [
                    "Prima, dan zet ik het op de lijst en ziet u vanzelf wel wanneer er iemand naar kijkt.",
                    "Fine, then I put it on the list and you will see for yourself when someone looks at it.",
                ],
                pitfall: "indifference",
            },
        ],
        flare_good: (
            [
                "U bent hier echt klaar mee. Vertelt u maar, ik luister.",
                "You have really had enough. Go ahead, I am listening.",
            ],
            r#""let_vent", "reflect_emotion""#,
        ),
        select_prompt: [
            "Wat zoekt u uit voordat u een oplossing biedt?",
            "What do you find out before you offer a solution?",
        ],
        items: [
            (
                [
                    "Waar de mail van meneer is blijven liggen",
                    "Where the gentleman's e-mail got stuck",
                ],
                true,
                r#""find_core""#,
                "",
            ),
            (
                [
                    "Wat hij nu van de gemeente verwacht",
                    "What he now expects from the council",
                ],
                true,
                r#""show_understanding""#,
                "",
            ),
            (
                [
                    "Welke collega de fout maakte, om die erop aan te spreken",
                    "Which colleague made the mistake, to call them out",
                ],
                false,
                "",
                r#""badmouthing_colleagues""#,
            ),
        ],
        select_shows_step: "apologize_investigate",
    }
}

fn begrenzen() -> Content {
    Content {
        steps: [
            Turn {
                id: "signaleren",
                says: [
                    "Dit is de twintigste mail deze maand. Ik blijf mailen tot iemand luistert.",
                    "This is the twentieth e-mail this month. I will keep writing until somebody listens.",
                ],
                good: [
                    "Ik zie dat u vaak schrijft en leg uw contacten vast. Eerst wil ik goed horen waar het u om gaat.",
                    "I see you write often and I keep a record of your contacts. First I want to hear properly what matters to you.",
                ],
                shows: r#""notice_pattern", "record_contacts", "listen_first""#,
                bad: [
                    "U mailt veel te vaak, meneer, zo komt niemand hier aan zijn eigenlijke werk toe en dat weet u best.",
                    "You write far too often, sir; nobody here gets round to their real work like this, and you know it.",
                ],
                pitfall: "condemning",
            },
            Turn {
                id: "analyseren",
                says: [
                    "(U bekijkt het dossier: twintig mails, drie onbeantwoord, één vraag al maanden open.)",
                    "(You review the file: twenty e-mails, three unanswered, one question open for months.)",
                ],
                good: [
                    "Wat schreven wij terug, en ligt zijn eigenlijke vraag al maanden stil?",
                    "What did we write back, and has his real question been stuck for months?",
                ],
                shows: r#""analyse_interaction", "analyse_process""#,
                bad: [
                    "Hier hoef ik niet verder naar te kijken: hij is gewoon een lastige klant, dat ziet iedereen toch wel.",
                    "No need to look further here: he is simply a difficult customer, anyone can see that.",
                ],
                pitfall: "condemning",
            },
            Turn {
                id: "besluiten",
                says: [
                    "(Uw leidinggevende vraagt wat u voorstelt.)",
                    "(Your manager asks what you propose.)",
                ],
                good: [
                    "Eerst een gesprek. Helpt dat niet, dan één vast contactpersoon voor drie maanden; zijn vragen blijven we beantwoorden.",
                    "A conversation first. If that does not help, one fixed contact person for three months; we keep answering his questions.",
                ],
                shows: r#""offer_conversation", "proportional_measure", "keep_access", "time_limit""#,
                bad: [
                    "We blokkeren zijn adres gewoon meteen, dan zijn we er allemaal in één keer vanaf en is het klaar.",
                    "We simply block his address straight away, then we are all rid of it in one go and it is done.",
                ],
                pitfall: "premature_concession",
            },
            Turn {
                id: "informeren",
                says: [
                    "(U schrijft de brief over de maatregel.)",
                    "(You write the letter about the measure.)",
                ],
                good: [
                    "Ik noem het gedrag, de redenen, de maatregel, de duur, wie tekent en de weg naar de ombudsman, en ik licht de collega's in.",
                    "I name the behaviour, the reasons, the measure, its duration, who signs, and the route to the ombudsman, and I inform colleagues.",
                ],
                shows: r#""notice_behaviour", "notice_reasons", "notice_measure", "notice_duration", "notice_signed", "notice_ombudsman", "inform_colleagues""#,
                bad: [
                    "Een kort briefje is genoeg: dat hij voortaan niet meer mag mailen. De rest hoeft hij echt niet te weten.",
                    "A short note will do: that he may no longer write. He really does not need to know the rest.",
                ],
                pitfall: "indifference",
            },
            Turn {
                id: "alert_blijven",
                says: [
                    "Ik heb een nieuwe vraag over mijn huurtoeslag.",
                    "I have a new question about my rent allowance.",
                ],
                good: [
                    "Die vraag pak ik op, zoals afgesproken via uw contactpersoon. Over drie maanden kijken we samen hoe het gaat.",
                    "I will take that question up, through your contact person as agreed. In three months we will review how it is going.",
                ],
                shows: r#""handle_new_issues", "stay_consistent", "plan_review""#,
                bad: [
                    "U mag ons toch niet meer mailen? Dan neem ik deze vraag ook niet in behandeling, zo zijn de regels.",
                    "You are not allowed to write to us any more, are you? Then I will not handle this question either; those are the rules.",
                ],
                pitfall: "justifying",
            },
        ],
        flare_good: (
            [
                "U bent boos, dat hoor ik. Vertelt u eerst wat er voor u op het spel staat.",
                "You are angry, I can hear that. First tell me what is at stake for you.",
            ],
            r#""listen_first""#,
        ),
        select_prompt: [
            "Wat zoekt u nog uit voordat u een maatregel voorstelt?",
            "What else do you find out before you propose a measure?",
        ],
        items: [
            (
                [
                    "Hoe vaak en hoe lang hij al schrijft",
                    "How often and for how long he has been writing",
                ],
                true,
                r#""analyse_time""#,
                "",
            ),
            (
                [
                    "Wat hij met zijn mails wil bereiken",
                    "What he wants to achieve with his e-mails",
                ],
                true,
                r#""analyse_outcome", "check_own_role""#,
                "",
            ),
            (
                [
                    "Of hij bekendstaat als querulant",
                    "Whether he is known as a serial complainer",
                ],
                false,
                "",
                r#""condemning""#,
            ),
        ],
        select_shows_step: "analyse",
    }
}

/// The template for scenario `id` (a-z, 0-9, `-`; not checked here).
pub fn template(id: &str, model: ModelId, lang: Language) -> String {
    let l = usize::from(lang == Language::En);
    let t = |nl: &'static str, en: &'static str| if l == 0 { nl } else { en };
    let c = match model {
        ModelId::Klachtengesprek => klachtengesprek(),
        ModelId::Begrenzen => begrenzen(),
    };
    let q = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut s = String::new();
    s.push_str(&format!(
        "// {}\n// {}\n// {}\n\n",
        t(
            "Een nieuw scenario, gemaakt met `klachtwijs new`. Vervang elke tekst door uw eigen situatie.",
            "A new scenario, made with `klachtwijs new`. Replace every text with your own situation."
        ),
        t(
            "Controleer na elke wijziging: klachtwijs check --stats DIT-BESTAND.ron; bekijk de kaart met klachtwijs map.",
            "Check after every change: klachtwijs check --stats THIS-FILE.ron; look at the map with klachtwijs map."
        ),
        t(
            "De handleiding: docs/authoring.md; alle velden: docs/scenario-format.md.",
            "The guide: docs/authoring.md; every field: docs/scenario-format.md."
        ),
    ));
    let lang_id = if l == 0 { "Nl" } else { "En" };
    let model_id = match model {
        ModelId::Klachtengesprek => "Klachtengesprek",
        ModelId::Begrenzen => "Begrenzen",
    };
    s.push_str(&format!(
        r#"Scenario(
    format: 1,  // {c_format}
    id: "{id}",  // {c_id}
    title: "{title}",
    language: {lang_id},  // {c_lang}
    summary: "{summary}",  // {c_summary}
    organisation: "{org}",
    setting: Phone,  // {c_setting}
    difficulty: 2,  // {c_difficulty}
    minutes: 8,  // {c_minutes}
    model: {model_id},  // {c_model}
    learning_goals: [
        "{goal}",  // {c_goals}
    ],
    briefing: "{briefing}",  // {c_briefing}
    role: "{role}",  // {c_role}
    complainant: Complainant(
        name: "{name}",
        background: "{background}",
        mood: Mood(anger: 60, trust: 40),  // {c_mood}
        temperament: Steady,  // {c_temperament}
        // {c_appearance}
        appearance: Appearance(
            age: Middle,  // Young, Adult, Middle, Older, Elderly
            presentation: Masculine,  // Feminine, Masculine, Neutral
            hair: Short,  // Short, Long, Bun, Curly, Balding, Bald, Headscarf
            hair_colour: Brown,  // Black, Brown, Blond, Red, Grey, White
            skin: Medium,  // Light, Medium, Tan, Brown, Dark
            glasses: false,
            clothing: Casual,  // Casual, Smart, Hoodie, Cardigan, Workwear, Uniform(Police), Uniform(Care), Uniform(Transport)
            clothing_colour: Blue,  // Blue, Navy, Green, Red, Burgundy, Yellow, Purple, Grey, Black, Beige
        ),
    ),
    shuffle_options: true,  // {c_shuffle}
    start: "{start}",  // {c_start}
    nodes: {{
"#,
        c_format = t("de formaatversie: altijd 1", "the format version: always 1"),
        c_id = t(
            "a-z, 0-9 en '-'; uniek in de bibliotheek",
            "a-z, 0-9 and '-'; unique in the library"
        ),
        title = t(
            "Vervang: de titel van uw scenario",
            "Replace: your scenario's title"
        ),
        c_lang = t("Nl of En", "Nl or En"),
        summary = t(
            "Vervang: één of twee zinnen voor de kaart in de bibliotheek.",
            "Replace: one or two sentences for the library card."
        ),
        c_summary = t("op de kaart in de bibliotheek", "on the library card"),
        org = t(
            "Gemeente Voorbeeld, Publiekszaken",
            "Example Council, Public Services"
        ),
        c_setting = t(
            "Counter, Phone, Email, Letter, HomeVisit of Meeting",
            "Counter, Phone, Email, Letter, HomeVisit or Meeting"
        ),
        c_difficulty = t("1 (mild) tot 5 (zwaar)", "1 (gentle) to 5 (hard)"),
        c_minutes = t(
            "geschatte minuten per gesprek",
            "estimated minutes per play"
        ),
        c_model = t(
            "Klachtengesprek of Begrenzen: welke rubric scoort",
            "Klachtengesprek or Begrenzen: which rubric scores it"
        ),
        goal = t(
            "Vervang: wat de cursist hier leert.",
            "Replace: what the trainee learns here."
        ),
        c_goals = t("een of meer leerdoelen", "one or more learning goals"),
        briefing = t(
            "Vervang: wat de cursist vooraf weet.",
            "Replace: what the trainee knows beforehand."
        ),
        c_briefing = t("voor het gesprek getoond", "shown before the conversation"),
        role = t(
            "U bent medewerker Publiekszaken.",
            "You work at Public Services."
        ),
        c_role = t("de rol van de cursist", "the trainee's role"),
        name = t("Meneer Voorbeeld", "Mr Example"),
        background = t(
            "Vervang: wie is hij, wat speelt er?",
            "Replace: who is he, what is going on?"
        ),
        c_mood = t(
            "boosheid en vertrouwen, elk 0..100, bij de eerste knoop",
            "anger and trust, each 0..100, at the first node"
        ),
        c_temperament = t(
            "Calm, Steady, Volatile of Anxious: hoe sterk stemming en oplaaien reageren",
            "Calm, Steady, Volatile or Anxious: how strongly mood and flare-ups react"
        ),
        c_appearance = t(
            "optioneel: hoe de app de klager tekent; laat weg wat niet uitmaakt",
            "optional: how the app draws the complainant; leave out what does not matter"
        ),
        c_shuffle = t(
            "de volgorde van de opties volgt de seed",
            "the option order follows the seed"
        ),
        start = c.steps[0].id,
        c_start = t("de eerste knoop", "the first node"),
    ));
    let ids: Vec<&str> = c.steps.iter().map(|st| st.id).collect();
    let next_of = |k: usize| -> &str {
        match k {
            1 => "keuze",
            4 => "opgelost",
            _ => ids[k + 1],
        }
    };
    for (k, st) in c.steps.iter().enumerate() {
        s.push_str(&format!("        // {} {}\n", t("Stap", "Step"), k + 1));
        s.push_str(&format!("        \"{}\": Node(\n", st.id));
        s.push_str(&format!(
            "            // {}\n            says: [\"{}\"],\n",
            t(
                "wat de klager zegt; twee of drie varianten mogen, de seed kiest",
                "what the complainant says; two or three variants are fine, the seed picks one"
            ),
            q(st.says[l])
        ));
        if k == 0 {
            s.push_str(&format!(
                "            // {}\n            hint: Some(\"{}\"),\n",
                t(
                    "optioneel: een tip in de oefenmodus",
                    "optional: a hint in practice mode"
                ),
                q(t("Laat hem eerst uitpraten.", "Let him finish first."))
            ));
            s.push_str(&format!(
                "            // {}\n            flare: Some(Flare(chance: 20, to: \"opgelaaid\")),\n",
                t(
                    "optioneel: kans (procent) dat de emotie bij aankomst oplaait; het gesprek gaat dan naar `to`",
                    "optional: the chance (percent) that emotion flares up on arrival; the conversation then goes to `to`"
                )
            ));
        }
        s.push_str("            options: [\n");
        let sets_note = t(
            "een vlag: later kan een Branch erop testen",
            "a flag: a later Branch can test it",
        );
        // The good option first in the file; the order shown follows the seed.
        s.push_str(&format!(
            r#"                Choice(
                    text: "{}",
                    shows: [{}],  // {}
                    mood: MoodShift(anger: -15, trust: 15),  // {}
                    explain: "{}",  // {}
                    next: "{}",  // {}
"#,
            q(st.good[l]),
            st.shows,
            t(
                "aandachtspunten uit assets/rubric.ron",
                "attention points from assets/rubric.ron"
            ),
            t("opgeteld bij de stemming", "added to the mood"),
            q(t(
                "Vervang: waarom dit hier werkt.",
                "Replace: why this works here."
            )),
            t("in de nabespreking", "in the debrief"),
            next_of(k),
            t("een knoop of een einde", "a node or an ending"),
        ));
        if k == 4 {
            s.push_str(&format!(
                "                    // {}\n                    branches: [Branch(when: Flag(\"afgescheept\"), to: \"deels\")],\n",
                t(
                    "voorwaardelijke doelen, op volgorde geprobeerd vóór `next`",
                    "conditional targets, tried in order before `next`"
                )
            ));
        }
        s.push_str("                ),\n");
        let bad_next = if k == 4 { "deels" } else { next_of(k) };
        s.push_str(&format!(
            r#"                Choice(
                    text: "{}",
                    pitfalls: ["{}"],  // {}
                    mood: MoodShift(anger: 15, trust: -10),
                    explain: "{}",
                    next: "{}",
"#,
            q(st.bad[l]),
            st.pitfall,
            t(
                "valkuilen; maak ze verleidelijk, niet dom",
                "pitfalls; make them tempting, not silly"
            ),
            q(t(
                "Vervang: wat dit hier doet met de klager.",
                "Replace: what this does to the complainant here."
            )),
            bad_next,
        ));
        if k == 2 {
            s.push_str(&format!(
                "                    // {}\n                    branches: [Branch(when: AngerAtLeast(85), to: \"geescaleerd\")],\n",
                t(
                    "voorwaarden zien de stemming ná deze optie",
                    "conditions see the mood after this answer"
                )
            ));
        }
        if k < 4 {
            s.push_str(&format!(
                "                    sets: [\"afgescheept\"],  // {sets_note}\n"
            ));
        }
        s.push_str("                ),\n            ],\n        ),\n");
        if k == 0 {
            // The flare target.
            s.push_str(&format!(
                r#"        // {}
        "opgelaaid": Node(
            says: ["{}"],
            options: [
                Choice(
                    text: "{}",
                    shows: [{}],
                    explain: "{}",
                    next: "{}",
                ),
                Choice(
                    text: "{}",
                    pitfalls: ["provoked"],
                    mood: MoodShift(anger: 25, trust: -15),
                    explain: "{}",
                    next: "geescaleerd",
                ),
            ],
        ),
"#,
                t(
                    "Waar een opgelaaide emotie heen gaat: het goede antwoord gaat terug naar luisteren (stap 1). Een flare-up vuurt niet opnieuw bij zijn doel.",
                    "Where a flare-up goes: the good answer returns to listening (step 1). A flare-up never fires again at its target."
                ),
                q(t(
                    "Weet u wat? Het is altijd hetzelfde met jullie!",
                    "You know what? It is always the same with you lot!"
                )),
                q(c.flare_good.0[l]),
                c.flare_good.1,
                q(t(
                    "Vervang: terug naar luisteren als de emotie oplaait.",
                    "Replace: back to listening when emotion flares up."
                )),
                ids[1],
                q(t(
                    "Nu moet u ophouden met schreeuwen, anders stop ik dit gesprek gewoon meteen en hang ik op.",
                    "You need to stop shouting now, or I will simply end this call right away and hang up."
                )),
                q(t(
                    "Vervang: wat dit doet met de klager.",
                    "Replace: what this does to the complainant."
                )),
            ));
        }
        if k == 1 {
            s.push_str(&format!(
                "        // {}\n        \"keuze\": Node(\n            says: [\"{}\"],\n            voice: Narrator,  // {}\n            select: Some(Select(\n                prompt: \"{}\",\n                items: [\n",
                t(
                    "Een meerkeuzebeurt: de cursist vinkt alles aan wat erbij hoort.",
                    "A select turn: the trainee ticks every item that belongs."
                ),
                q(t("(U zoekt het dossier na.)", "(You look into the file.)")),
                t(
                    "een toneelaanwijzing, geen gesproken regel",
                    "a stage direction, not a spoken line"
                ),
                q(c.select_prompt[l]),
            ));
            for (text, belongs, shows, pitfalls) in &c.items {
                s.push_str(&format!(
                    "                    SelectItem(text: \"{}\", belongs: {belongs}, shows: [{shows}], pitfalls: [{pitfalls}], explain: \"{}\"{}),\n",
                    q(text[l]),
                    q(t("Vervang: waarom wel of niet.", "Replace: why or why not.")),
                    if *belongs { "" } else { ", sets: [\"afgescheept\"]" },
                ));
            }
            s.push_str(&format!(
                "                ],\n                next: \"{}\",  // {} ({})\n            )),\n        ),\n",
                ids[2],
                t("na het indienen", "after submitting"),
                c.select_shows_step
            ));
        }
    }
    s.push_str("    },\n    endings: {\n");
    let endings = [
        (
            "opgelost",
            "Resolved",
            t("Het is opgelost", "It is resolved"),
            t(
                "Vervang: wat er na het gesprek gebeurt, in twee of drie zinnen.",
                "Replace: what happens after the conversation, in two or three sentences.",
            ),
        ),
        (
            "deels",
            "PartlyResolved",
            t("Deels opgelost", "Partly resolved"),
            t(
                "Vervang: het loopt af, maar het vertrouwen is niet terug.",
                "Replace: it ends, but trust has not come back.",
            ),
        ),
        (
            "geescaleerd",
            "Escalated",
            t("Het gesprek escaleert", "The conversation escalates"),
            t(
                "Vervang: de klager dient een formele klacht in over de behandeling.",
                "Replace: the complainant files a formal complaint about the handling.",
            ),
        ),
    ];
    s.push_str(&format!(
        "        // {}\n",
        t(
            "Uitkomsten: Resolved, PartlyResolved, Referred, Boundary, Escalated, Abandoned. Een einde kan `not_applicable: [\"evaluate\"]` en `complaint: Some(Misunderstanding)` krijgen.",
            "Outcomes: Resolved, PartlyResolved, Referred, Boundary, Escalated, Abandoned. An ending may set `not_applicable: [\"evaluate\"]` and `complaint: Some(Misunderstanding)`."
        )
    ));
    for (id, outcome, title, narrative) in endings {
        s.push_str(&format!(
            "        \"{id}\": Ending(\n            outcome: {outcome},\n            title: \"{}\",\n            narrative: \"{}\",\n        ),\n",
            q(title),
            q(narrative)
        ));
    }
    s.push_str("    },\n)\n");
    s
}

"""Hand-written test sentences for event detection (not from real reports).

``EVENTS`` rows: (id, sentence, trigger, event_type, sub_event_type or None, count (ACLED's
fatalities for lethal violence, 0 when none are told; the people acted on otherwise) or
None, place name, actors that must be found, date ISO or None). Dates resolve
against :data:`PUBLISHED`, a Monday.

``NON_EVENTS`` rows: (id, sentence, why) — plans, warnings, conditionals, questions,
negations: no asserted or reported event.
"""
import datetime as dt

PUBLISHED = dt.date(2019, 10, 14)  # a Monday

B, X, V = "Battles", "Explosions/Remote violence", "Violence against civilians"
P, R, S = "Protests", "Riots", "Strategic developments"

EVENTS = [
    # Syria
    ("syr-shelling", "Turkish artillery shelled the border town of Ras al-Ain on Sunday, "
     "killing at least 12 civilians.", "shelled", X, "Shelling/artillery/missile attack", 12,
     "Ras al-Ain", ("Turkish forces",), "2019-10-13"),
    ("syr-airstrike", "Russian warplanes struck a market in Maarat al-Numan on Monday, killing 15 "
     "people, a war monitor said.", "warplanes struck", X, "Air/drone strike", 15,
     "Maarat al-Numan", ("Russian forces",), "2019-10-14"),
    ("syr-capture", "Turkish-backed Syrian rebels captured the town of Tel Abyad on Sunday.",
     "captured", B, "Non-state actor overtakes territory", 0, "Tel Abyad",
     ("Syrian National Army",), "2019-10-13"),
    ("syr-suicide", "A suicide car bomb exploded at a checkpoint in Qamishli, killing three "
     "members of the security forces.", "suicide car bomb", X, "Suicide bomb", 3, "Qamishli",
     (), None),
    ("syr-arrest", "The SDF detained 40 suspected ISIS members in Deir ez-Zor province on "
     "Thursday.", "detained", S, "Arrests", 40, "Deir ez-Zor", ("SDF",), "2019-10-10"),
    ("syr-base", "Turkish troops set up a new military outpost near Idlib city.",
     "set up a new military outpost", S, "Headquarters or base established", None, "Idlib",
     ("Turkish forces",), None),
    ("syr-fled", "More than 3,000 families fled their homes in Ras al-Ain as Turkish shelling "
     "intensified.", "fled", S, "Other", 3000, "Ras al-Ain", (), None),
    # Ukraine
    ("ukr-missile", "Russian missiles hit an apartment block in Dnipro overnight, killing 23 "
     "people.", "missiles", X, "Shelling/artillery/missile attack", 23, "Dnipro",
     ("Russian forces",), "2019-10-13"),
    ("ukr-drone", "A Ukrainian drone strike hit an oil depot in Novorossiysk on Saturday.",
     "drone strike", X, "Air/drone strike", 0, "Novorossiysk", ("Ukrainian forces",),
     "2019-10-12"),
    ("ukr-withdrawal", "Ukrainian forces withdrew from Avdiivka on Saturday to avoid "
     "encirclement.", "withdrew", S, "Non-violent transfer of territory", None, "Avdiivka",
     ("Ukrainian forces",), "2019-10-12"),
    ("ukr-clash", "Fierce clashes between Russian and Ukrainian troops continued near Bakhmut "
     "on Tuesday.", "clashes", B, "Armed clash", 0, "Bakhmut", ("Ukrainian forces",),
     "2019-10-08"),
    ("ukr-capture", "Russian forces captured the village of Urozhaine, the defence ministry in "
     "Moscow said.", "captured", B, "Government regains territory", 0, "Urozhaine",
     ("Russian forces",), None),
    # Sudan
    ("sdn-capture", "The RSF seized control of El Fasher after weeks of heavy fighting, "
     "witnesses said.", "seized control of", B, "Non-state actor overtakes territory", 0,
     "El Fasher", ("RSF",), None),
    ("sdn-airstrike", "A Sudanese army air strike on a market in Nyala killed 20 civilians on "
     "Friday.", "air strike", X, "Air/drone strike", 20, "Nyala", ("SAF",), "2019-10-11"),
    ("sdn-abduction", "RSF fighters abducted dozens of women from villages near Geneina.",
     "abducted", V, "Abduction/forced disappearance", 12, "Geneina", ("RSF",), None),
    ("sdn-looting", "Paramilitaries looted the central market of Omdurman on Sunday.", "looted",
     S, "Looting/property destruction", None, "Omdurman", (), "2019-10-13"),
    ("sdn-agreement", "The army and the RSF signed a ceasefire agreement in Jeddah on Saturday.",
     "signed a ceasefire", S, "Agreement", None, "Jeddah", ("RSF",), "2019-10-12"),
    # Yemen
    ("yem-missile", "The Houthis fired a ballistic missile at Marib city on Thursday, wounding "
     "four people.", "missile", X, "Shelling/artillery/missile attack", 0, "Marib",
     ("Houthis",), "2019-10-10"),
    ("yem-airstrike", "Coalition air strikes killed seven fishermen off the coast of Hodeidah.",
     "air strikes", X, "Air/drone strike", 7, "Hodeidah", (), None),
    ("yem-arrest", "Houthi security forces arrested 12 journalists in Sanaa last month.",
     "arrested", S, "Arrests", 12, "Sanaa", ("Houthis",), "2019-09-01"),
    # Gaza
    ("gaza-airstrike", "An Israeli air strike on a house in Rafah killed nine members of one "
     "family, medics said.", "air strike", X, "Air/drone strike", 9, "Rafah", ("IDF",), None),
    ("gaza-protest", "Israeli troops shot dead three Palestinian protesters along the Gaza border "
     "fence on Friday.", "protesters", P, "Excessive force against protesters", 3, "Gaza",
     ("IDF",), "2019-10-11"),
    ("gaza-rockets", "Hamas fired dozens of rockets at Ashkelon on Saturday.", "rockets", X,
     "Shelling/artillery/missile attack", 0, "Ashkelon", ("Hamas",), "2019-10-12"),
    # Sahel
    ("mli-ied", "Five Malian soldiers were killed when their vehicle hit an improvised explosive "
     "device near Boni on Wednesday.", "improvised explosive device", X,
     "Remote explosive/landmine/IED", 5, "Boni", ("Malian forces",), "2019-10-09"),
    ("mli-base", "JNIM fighters established a base in the forest near Mopti.", "established a base",
     S, "Headquarters or base established", None, "Mopti", ("JNIM",), None),
    ("nga-kidnap", "Gunmen kidnapped 80 students from a school near Kaduna on Thursday.",
     "kidnapped", V, "Abduction/forced disappearance", 80, "Kaduna", ("Gunmen",), "2019-10-10"),
    ("bfa-ambush", "JNIM militants ambushed a military convoy near Djibo, killing 14 soldiers, "
     "the army said.", "ambushed", B, "Armed clash", 14, "Djibo", ("JNIM",), None),
    ("ner-protest", "Thousands of protesters rallied in Niamey on Sunday to demand the departure "
     "of French troops.", "protesters", P, "Peaceful protest", 1000, "Niamey", (),
     "2019-10-13"),
    ("lby-withdrawal", "Wagner fighters pulled out of their positions around Tripoli at the "
     "weekend.", "pulled out", S, "Non-violent transfer of territory", None, "Tripoli",
     ("Wagner",), "2019-10-12"),
    # Myanmar
    ("mmr-airstrike", "Myanmar military jets bombed a village in Sagaing region on Tuesday, "
     "killing at least 30 people.", "jets bombed", X, "Air/drone strike", 30, "Sagaing",
     ("Myanmar military",), "2019-10-08"),
    ("mmr-capture", "The Arakan Army seized a military base in Paletwa after days of fighting.",
     "seized", B, "Non-state actor overtakes territory", 0, "Paletwa", ("Arakan Army",), None),
    # DRC
    ("cod-m23", "M23 rebels took control of the town of Rubaya on Thursday.", "took control of",
     B, "Non-state actor overtakes territory", 0, "Rubaya", ("M23",), "2019-10-10"),
    ("cod-massacre", "ADF militants massacred 40 villagers with machetes in Beni territory "
     "overnight.", "massacred", V, "Attack", 40, "Beni", ("ADF",), "2019-10-13"),
    ("cod-sexual", "Soldiers raped at least 20 women in the village of Minova, a rights group "
     "said.", "raped", V, "Sexual violence", 20, "Minova", (), None),
    # Somalia
    ("som-carbomb", "Al-Shabaab militants detonated a car bomb outside a busy hotel in Mogadishu "
     "on Saturday, killing 21 people.", "car bomb", X, "Remote explosive/landmine/IED", 21,
     "Mogadishu", ("al-Shabaab",), "2019-10-12"),
    ("som-grenade", "A grenade attack on a police station in Kismayo wounded two officers.",
     "grenade attack", X, "Grenade", 0, "Kismayo", (), None),
    # Mexico
    ("mex-abduction", "Cartel gunmen abducted 17 migrants from a bus in Tamaulipas on Monday.",
     "abducted", V, "Abduction/forced disappearance", 17, "Tamaulipas", ("Cartel gunmen",),
     "2019-10-14"),
    ("mex-arrest", "Mexican soldiers arrested a senior Sinaloa Cartel commander in Culiacan on "
     "Thursday.", "arrested", S, "Arrests", None, "Culiacan", ("Mexican forces",),
     "2019-10-10"),
    ("mex-riot", "Protesters torched the town hall in Chilpancingo after clashing with riot "
     "police.", "Protesters", R, "Violent demonstration", 0, "Chilpancingo", ("Protesters",),
     None),
    # Iraq
    ("irq-escape", "Dozens of inmates escaped from Badush prison near Mosul on Sunday.",
     "escaped", S, "Other", 12, "Mosul", (), "2019-10-13"),
    ("irq-prison-break", "A prison break in Tikrit freed 21 ISIS detainees last week.",
     "prison break", S, "Other", 21, "Tikrit", ("ISIS",), "2019-10-07"),
]

NON_EVENTS = [
    ("plan-operation", "Turkey plans a cross-border military operation against the YPG in the "
     "coming days.", "plan"),
    ("warn-escape", "Analysts warned that a Turkish offensive could allow ISIS militants to "
     "escape from prisons.", "warning, conditional"),
    ("if-capture", "If the rebels were able to capture the airport, the city could fall within "
     "days.", "conditional"),
    ("whether-escaped", "The minister did not say whether any prisoners had escaped.",
     "negation, indirect question"),
    ("neg-attack", "Russia has not attacked any NATO territory, the Kremlin said.", "negation"),
    ("future-march", "Protesters will march on parliament tomorrow, organisers said.", "future"),
    ("question", "Will the army withdraw from the north before winter?", "question"),
    ("call-release", "The United Nations called on all parties to release detainees and halt the "
     "shelling of civilian areas.", "call, anaphoric noun"),
    ("threat-attack", "Houthi leaders threatened to attack ships in the Red Sea if the strikes "
     "continue.", "threat"),
    ("fear-suicide", "Officials fear that al-Shabaab may launch new suicide attacks during the "
     "elections.", "fear"),
    ("deny-bombing", "Sudan's army denied that its jets had bombed a market in Nyala.", "denial"),
    ("would-breaks", "Mr Sales said there would be more prison breaks if Europe refused to take "
     "back its citizens.", "hypothetical"),
    ("never-attack", "The group has never carried out an attack in Kenya.", "negation"),
    ("prepare-counter", "Kyiv is preparing a counteroffensive in the south, officials said.",
     "plan"),
    ("opinion-offensive", "Turkey's offensive would have a huge negative effect on the campaign "
     "against ISIS.", "opinion, no launching verb"),
    ("seed-prison-breaks", "SYRIAN Kurdish fighters have warned that Turkey's Syrian invasion may "
     "allow ISIS to attempt mass prison breaks.", "warning"),
    ("seed-battalion", "Speaking previously, the research fellow said if ISIS were able to carry "
     "out emptying a jail, \"it could pick up an entire battalion of fighters just like that\".",
     "conditional"),
    ("quoted-threat", '"We will shell every village that shelters them," the commander warned.',
     "quoted threat"),
    ("seed-repatriate", "He called on European countries to repatriate their foreign militants.",
     "call"),
]

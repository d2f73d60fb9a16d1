"""Words the extractor's features and rules share, in one place a newcomer can extend.

Each list is plain data; the regexes and the model's cue features are built from it, so a word
added here reaches every rule that uses the list (and the gates derived from those rules).
Lists whose order matters (joined into a regex alternation, first match wins) say so; keep
their order when adding a word. The rules themselves are registered in
:data:`claims.extraction.casualties.RULES`.
"""

from __future__ import annotations

# Word prefixes (lower case) that name an outcome, for the model's "outcome cue in the clause"
# features. Longest prefix wins; a prefix is matched against the start of a lower-cased word.
OUTCOME_CUES: dict[str, str] = {
    "kill": "killed",
    "dead": "killed",
    "die": "killed",
    "died": "killed",
    "death": "killed",
    "fatal": "killed",
    "perish": "killed",
    "drown": "killed",
    "murder": "killed",
    "slain": "killed",
    "slaughter": "killed",
    "execut": "killed",
    "massacr": "killed",
    "lynch": "killed",
    "lives": "killed",
    "bodies": "killed",
    "body": "killed",
    "martyr": "killed",
    "toll": "killed",
    "deceased": "killed",
    "succumb": "killed",
    "victim": "killed",
    "eliminat": "killed",
    "homicid": "killed",
    "corpse": "killed",
    "electrocut": "killed",
    "decapitat": "killed",
    "behead": "killed",
    "casualt": "injured",
    "injur": "injured",
    "wound": "injured",
    "hurt": "injured",
    "harm": "injured",
    "hospital": "injured",
    "treated": "injured",
    "patients": "injured",
    "stabb": "injured",
    "burn": "injured",
    "missing": "missing",
    "unaccounted": "missing",
    "disappear": "missing",
    "rubble": "missing",
    "trapped": "missing",
    "displac": "displaced",
    "fled": "displaced",
    "flee": "displaced",
    "homeless": "displaced",
    "evacu": "displaced",
    "uproot": "displaced",
    "shelter": "displaced",
    "relocat": "displaced",
    "arrest": "arrested",
    "detain": "arrested",
    "detention": "arrested",
    "captur": "arrested",
    "apprehend": "arrested",
    "custody": "arrested",
    "charged": "arrested",
    "booked": "arrested",
    # A severity names people hurt ("two of them in critical condition", "Serious: 7").
    "condition": "injured",
    "critical": "injured",
    "serious": "injured",
}
# Words that make a figure hypothetical or a forecast ("could kill up to 100").
HYPOTHETICAL_WORDS = frozenset("could would might may if unless feared risk expected".split())
# Words that mark an earlier or revised figure ("up from", "previous toll").
REVISION_WORDS = frozenset("from previous earlier initial initially originally prior".split())
# Head nouns of counted people who are not casualties ("4 survivors"): a veto in decisions.
NOT_CASUALTY_HEADS = frozenset("survivors survivor rescuers rescuer".split())

# Nouns that name counted people ("12 civilians", "three police officers"); the casualty rules
# build their GROUP pattern from them (as a trie, so order does not matter).
PERSON_NOUNS = """
people persons person civilians civilian children child kids kid women woman men man
soldiers soldier troops troop servicemen serviceman servicemembers marines marine sailors sailor
airmen officers officer policemen policeman policewomen policewoman police firefighters
firefighter workers worker employees employee staff students student pupils pupil teachers
teacher passengers passenger crew residents resident villagers villager migrants migrant refugees
refugee pilgrims pilgrim worshippers worshipers worshipper protesters protester protestors
demonstrators demonstrator militants militant fighters fighter insurgents insurgent rebels rebel
gunmen gunman attackers attacker suspects suspect members member journalists journalist
reporters reporter doctors doctor nurses nurse medics medic paramedics patients patient tourists
tourist visitors visitor fans spectators miners miner fishermen fisherman farmers farmer others
victims victim adults adult minors minor infants infant babies baby toddlers teenagers teenager
teens teen youths youth girls girl boys boy relatives guards guard personnel officials official
individuals individual inmates inmate prisoners prisoner detainees detainee hostages hostage
bystanders bystander pedestrians pedestrian cyclists cyclist drivers driver motorists motorist
citizens citizen
climbers climber hikers hiker swimmers swimmer peacekeepers peacekeeper contractors contractor
volunteers volunteer commanders commander leaders leader agents agent deputies deputy
recruits recruit cadets cadet conscripts conscript guardsmen guardsman seafarers occupants
shoppers customers diners guests clients skiers rescuers rescuer survivors survivor elderly
palestinians israelis afghans americans iraqis syrians ukrainians russians pakistanis indians
nationals citizens foreigners locals settlers colonists family families households martyrs martyr
colleagues colleague comrades friends neighbours neighbors
sons daughters brothers sisters parents husbands wives prosecutors investigators
priests priest pastors pastor imams imam monks monk nuns nun tenants tenant guides guide
porters porter bombers bomber assailants assailant perpetrators labourers labourer laborers
laborer truckers trucker bikers biker smugglers smuggler traffickers trafficker organisers
organiser organizers organizer terrorists terrorist jihadists jihadist militiamen militiaman
bandits bandit kidnappers kidnapper robbers robber thieves thief commuters commuter travellers
traveller travelers traveler holidaymakers revellers partygoers churchgoers concertgoers
schoolchildren schoolgirls schoolboys activists activist supporters supporter lawyers lawyer
traders trader vendors vendor herders herder shepherds shepherd hunters hunter
yemenis somalis pakistanis iraqis israelis kuwaitis saudis qataris bangladeshis thais
cousins cousin uncles aunts nephews nieces grandchildren grandsons granddaughters grandparents
coordinators coordinator organisers mineworkers mineworker steelworkers dockworkers coworkers
co-workers farmworkers fieldworkers caseworkers healthworkers aidworkers railworkers
""".split()
# Nouns after which one person is counted ("a soldier was killed", "including a child").
SINGULAR_PERSON_NOUNS = """
person civilian child boy girl woman man soldier officer policeman policewoman firefighter
worker student teacher passenger resident villager migrant refugee journalist reporter doctor
nurse medic patient tourist teenager teen toddler baby infant pedestrian cyclist driver motorist
guard prisoner hostage bystander marine sailor pilot suspect gunman militant fighter rebel
daughter son wife husband mother father brother sister tenant priest pastor imam guide porter
neighbour neighbor relative member employee guest customer shopkeeper farmer fisherman miner
climber hiker inmate detainee pilgrim paramedic protester demonstrator trader vendor contractor
deputy trooper officer ranger volunteer rescuer survivor spectator fan rider motorcyclist
corporal sergeant constable inspector commander reservist steward colleague supervisor juvenile
engineer labourer laborer herder
victim body passerby passer-by sepoy gangster patrolman fireman warder serviceman servicewoman
caretaker helper captain photographer operative kingpin robber businessman
businesswoman citizen councillor councilor terrorist dacoit bandit youth minor newborn foreigner
grandmother grandfather grandson granddaughter nephew niece cousin uncle aunt friend companion
cleaner owner leader staffer lawmaker
""".split()
# Words that may stand between a count and its person noun ("12 young local men"). Joined in
# this order into an alternation.
PERSON_MODIFIERS = """
civilian local other more additional young elderly old foreign innocent unarmed security police
army military government rescue aid health medical emergency family school armed off-duty
pro-government anti-government opposition rebel militant enemy allied coalition international
female male adult underage teenage young student fellow senior junior injured wounded
unidentified unknown suspected alleged unnamed undocumented same several further new
""".split()
# Words that never modify a person noun after a count: function words, verbs, units of time
# and measure ("two days after people...", "5 km from residents...").
NOT_PERSON_MODIFIERS = """
a an the and or but nor of in on at by for from to with without into onto over under after
before since during until while when where who whom whose which that than as per via about
were was is are be been being have has had do does did will would could should may might can
not no all some many most more much few each every both either neither any such those these
days day weeks week months month years year hours hour minutes minute seconds times time
percent per cent km kilometres kilometers miles metres meters feet inches kg tons tonnes
dollars euros pounds points goals games matches votes seats degrees stories storeys floors
""".split()
# Things a person noun can modify: "2 police vehicles" is not a count of police.
THINGS_AFTER_PERSON_NOUNS = """
vehicle vehicles car cars van vans truck trucks buses station stations post posts building
buildings home homes house houses office offices checkpoint checkpoints boat boats helicopter
helicopters aircraft plane planes drone drones tank tanks dog dogs horse horses unit units base
bases camp camps barracks headquarters compound compounds
""".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Written before a day number ("Jan. 7", "Sept 11"); each may end with a full stop.
MONTH_ABBREVIATIONS = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
WEEKDAY_ABBREVIATIONS = "Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split()
# Titles and other abbreviations (lower case) a full stop may follow inside a sentence
# ("Mr.", "Gen.", "Corp."); month and weekday abbreviations are added to them.
ABBREVIATIONS = """
mr mrs ms dr prof rev st mt ft gen col lt sgt capt cpt maj cpl pvt adm cmdr brig rep sen gov pres
supt insp det jr sr no nos vs etc inc co corp ltd bros dept est approx fig vol
""".split()
# Word stems (lower case) of outcome words: a sentence without one has no casualty claim, so
# the rules that need an outcome skip it. Every outcome word a rule accepts must contain one.
OUTCOME_STEMS = """
kill dead died dies death fatal perish drown murder slain slaughter execut massacr lives bodies
body casualt toll victim martyr injur wound hurt harm hospitali suffer sustain treated shot
missing unaccounted disappear displac fled flee homeless evacu forced forcing uproot strand
arrest detain captur apprehend custody lost losing succumb hospital admitted relocat moved
round fate treatment pronounced deceas detention burn intensive trauma diagnos
ordered buried stabb booked neutrali conveyed attended rubble wreckage debris lynch
condition critical serious
eliminat homicid corpse electrocut decapitat behead trapped charged shelter
""".split()
# "There has been no loss of life": the phrase, never "loss" or "life" alone (economic losses,
# life sentences).
OUTCOME_STEMS.append("loss of life")
# Hedges before a count, as phrases (the text may put any run of spaces between their words),
# in the order the qualifier pattern tries them: an approximate figure ("around 30"), a lower
# bound ("at least 30"), an upper bound ("up to 30").
APPROXIMATE_QUALIFIERS = (
    "around",
    "about",
    "nearly",
    "some",
    "roughly",
    "approximately",
    "almost",
    "close to",
    "more than",
    "over",
    "well over",
    "just over",
    "just under",
    "upwards of",
    "in excess of",
    "an estimated",
    "estimated",
    "fewer than",
    "less than",
    "under",
    "an approximate",
)
LOWER_BOUND_QUALIFIERS = ("at least", "no fewer than", "no less than", "a minimum of")
UPPER_BOUND_QUALIFIERS = ("up to", "as many as", "at most", "a maximum of")
# Number words, in value order (the parser takes each one's value from its place).
NUMBER_UNITS = "one two three four five six seven eight nine".split()
NUMBER_TEENS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
)
NUMBER_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


# Attribution: who speaks. Used by attribution.py (the rules) and speakers.py (the readings and
# their features); a word added here reaches the rules, the cue gate and the features.

# Speech verbs, lower case, in every tense the rules accept as introducing who speaks
# ("said", "says", "informed"); the verb pattern and the attribution cue are built from them.
# Verbs that report a figure rather than speech; a source that forecasts, records, counts or
# shows a figure makes a claim as one that says it ("The Met Office has forecast", "figures from
# the database show", "the union counted 14"), and "The county recorded 27 deaths, according to
# the commission" is the commission's claim.
_RECORDING_VERBS = "forecast forecasts recorded counted show shows showed expect expects".split()
RECORDING_VERBS = frozenset(_RECORDING_VERBS)
SPEECH_VERBS = (
    """
said says say told tells added adds stated states announced announces reported reports confirmed
confirms claimed claims declared declares explained noted insisted insists warned warns wrote
writes tweeted posted acknowledged admitted alleged asserted estimated estimates revealed
disclosed stressed emphasised emphasized testified recalled recounts recounted informed
indicated affirmed specified underlined precised communicated condemned condemns denounced
denounces replied replies denied denies confirm warn
explains stresses emphasises emphasizes testifies recalls informs indicates affirms specifies
underlines precises communicates reveals discloses admits acknowledges alleges asserts tweets
reiterated reiterates clarified clarifies assured assures argued argues
conceded concedes cautioned cautions spoke speaks estimate
""".split()
    + _RECORDING_VERBS
)
SPEECH_VERB_SET = frozenset(SPEECH_VERBS)

# Participles that attribute what follows to the clause's subject ("the ministry issued a
# statement, saying ...", "police released figures, adding that ...").
SPEECH_PARTICIPLES = frozenset("saying adding noting stating claiming insisting explaining".split())

# Speech verbs that take the listener as object ("told AFP"), so never come before their speaker.
# Verbs that state a figure when a toll word follows ("The governor puts the number of dead at
# 31", "the ministry gave a higher toll"): their subject is the source of the figure.
FIGURE_VERBS = frozenset("put puts putting gave gives giving".split())
OBJECT_SPEECH_VERBS = frozenset("told tells".split()) | FIGURE_VERBS

# What a source issues besides a statement: "The IMD has issued an orange alert", "PAGASA
# issued a warning". Its subject is the source of what the warning says.
ISSUED_DOCUMENTS = frozenset(
    "statement communique communiqué bulletin report warning warnings alert alerts advisory"
    " advisories".split()
)

# Adverbs between a form of "be" and a speech verb ("was widely reported"): not speech.
PASSIVE_ADVERBS = frozenset("widely officially newly previously initially".split())

# Words before a speech verb that make it a noun ("the report", "its claims").
NOUN_MARKERS = frozenset("the a an its their his her".split())

# Forms of "be" before a speech verb make it passive ("was reported").
BE_FORMS = frozenset("been was were is are am be being".split())

# Words dropped from the end of a speaker phrase ("the ministry also", "police later").
TRAILING_FILLER_WORDS = frozenset(
    """
    also later earlier previously separately repeatedly reportedly further then now has have had
    once again first initially publicly officially yesterday today would will strongly firmly
    flatly categorically formally jointly personally immediately subsequently recently
    """.split()
)

# Words that never stand in a speaker phrase (auxiliaries, conjunctions, question words).
NON_SUBJECT_WORDS = frozenset(
    """
    is was were are has have had will would could should may might can do does did been being
    be not if when while because although though since after before until unless whether than
    there here this these those what where why how into onto upon about
    during against between through also it's there's
    """.split()
)

# A speaker phrase never starts with these ("In a report, ..."), nor ends with one.
LEADING_PREPOSITIONS = frozenset(
    """
    in on at after before during since by for from with under despite following according
    while when as because if though although until unless once amid among across near over
    through into without within throughout like about to of
    """.split()
)

# Determiners a speaker descriptor may start with ("the ministry", "its spokesman").
# Articles: a descriptor ("the agency", "a spokesman") opens with one.
ARTICLES = frozenset("the a an".split())
DETERMINERS = frozenset("the a an this that these those its their his her our my".split())

# Pronouns that speak, and the kind of earlier speaker each refers to.
SPEAKER_PRONOUNS = {
    "he": "person",
    "she": "person",
    "they": "any",
    "it": "nonperson",
    "we": "any",
    "i": "any",
}

# Roles of one person ("spokesman", "a witness"): a phrase with one names a person.
PERSON_ROLES = frozenset(
    """
    spokesman spokeswoman spokesperson official officer minister president commander elder
    witness resident doctor nurse chief governor mayor director head leader secretary ambassador
    envoy analyst expert source survivor relative father mother brother sister son daughter wife
    husband uncle aunt cousin neighbour neighbor teacher lawyer attorney prosecutor judge sheriff
    captain colonel general lieutenant sergeant major superintendent inspector coroner
    administrator manager chairman chairwoman chair ceo founder representative lawmaker senator
    congressman congresswoman mp diplomat worker volunteer medic paramedic physician surgeon
    farmer villager shopkeeper driver student professor researcher journalist reporter
    correspondent activist campaigner coordinator deputy aide adviser advisor investigator
    detective firefighter ranger pilot owner employee member man woman boy girl imam cleric
    priest pastor chancellor premier king queen prince emir sheikh mullah monitor observer
    negotiator mediator police-chief eyewitness bystander victim passenger soldier fighter
    militant rebel engineer economist historian scientist official's headmaster principal
    host presenter anchor commentator columnist fan supporter politician academic scholar
    organiser organizer person supervisor agent councillor councilor marshal
    """.split()
)

# Roles of several people ("witnesses", "officials").
PLURAL_PERSON_ROLES = frozenset(
    """
    witnesses residents doctors nurses officials sources survivors relatives neighbours
    neighbors villagers medics paramedics activists analysts experts investigators rescuers
    eyewitnesses workers volunteers teachers students locals families parents journalists
    reporters officers lawmakers diplomats observers monitors elders organisers organizers
    authorities prosecutors detectives deputies troopers firefighters campaigners protesters
    demonstrators sources insiders colleagues friends parents mourners passengers fishermen
    farmers traders shopkeepers pilgrims miners soldiers troops commanders leaders historians
    scientists economists scholars academics fans supporters spectators operators organisers
    partners family authors researchers forecasters
    """.split()
)

# Titles and posts written before a name ("Gen.", "Interior Minister", South Asian police
# ranks "SSP", "DSP"); the corpus convention gives the name without them.
TITLE_WORDS = frozenset(
    """
    president vice prime minister secretary general gen gen. lt lt. col col. capt capt. maj
    maj. sgt sgt. governor gov gov. mayor senator sen sen. rep rep. mr mr. mrs mrs. ms ms. dr
    dr. prof prof. sir lord chief deputy foreign defence defense interior health finance
    ambassador commander colonel captain major lieutenant sergeant king queen prince sheikh
    emir judge justice sheriff spokesman spokeswoman spokesperson director chairman
    chairwoman ceo imam mullah father rev rev. brig brig. adm adm. admiral marshal inspector
    superintendent detective officer private corporal executive trooper constable deputy
    patrolman agent commissioner magistrate headteacher headmaster headmistress det det. supt
    supt. insp insp. cpl cpl. pc dc ds dci di asp guide coach trooper cmdr cmdr. sr sr. jr
    ssp dsp sp ig igp dig dgp adg adgp sho asi acp dcp brigadier bishop archbishop cardinal
    rabbi alhaji alhaja collector mec engr barrister cp councillor councilor alderman
    malam mallam hajji datuk dato datin taoiseach tánaiste councilmember councilman
    councilwoman supervisor forecaster
    """.split()
)

# Words naming a military body (claimant kind "military").
MILITARY_WORDS = frozenset(
    """
    military army navy forces force troops pentagon idf marines command centcom coalition junta
    brigade battalion regiment militaries armed-forces nato staff
    """.split()
)

# Words naming an armed group (claimant kind "armed_group").
ARMED_GROUP_WORDS = frozenset(
    """
    taliban isis isil iskp daesh al-qaeda al-shabaab shabaab hamas hezbollah hizbollah houthis
    houthi boko haram rebels militants insurgents militia militias pkk jihadists jihadist
    islamic-state wagner
    """.split()
)

# Words naming a government body (claimant kind "government").
GOVERNMENT_WORDS = frozenset(
    """
    government ministry ministries police authorities authority department office administration
    white kremlin cabinet embassy municipality council prefecture officials governorate
    parliament state-media ministers presidency us u.s. uk britain france defence defense
    prosecutor's gardaí gardai garda directorate
    """.split()
)

# Words naming any other organisation (claimant kind "organisation").
ORGANISATION_WORDS = frozenset(
    """
    un u.n. unicef unhcr who wfp ocha iom unrwa red cross crescent ngo agency organisation
    organization company group committee federation association union hospital university
    institute reuters afp ap bbc cnn media newspaper network charity foundation amnesty watch
    bureau canton prefecture province region county
    msf borders observatory centre center unit board bank fund commission corporation inc
    ltd network television tv radio broadcaster service services guard headquarters club team
    league airline airlines railroad railway carrier operator utility insurer manufacturer firm
    airport hospitals clinic groups agencies organisations organizations charities ngos
    coastguard trust railways
    """.split()
)

# Lower-case particles inside personal names ("Flavio Di Giacomo", "Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    "al bin ibn de da di del della la le du dos das van von der den ter ten".split()
)

# Post-nominal letters dropped from a name ("Judge Guy Kearl KC").
POSTNOMINALS = frozenset("kc qc mp mep obe mbe cbe jr jr. sr sr. phd md esq".split())

# Documents that speak for whoever issued them ("the statement said").
DOCUMENT_WORDS = frozenset("statement report communique communiqué release post bulletin".split())

# Generic heads that refer back to the latest institution that spoke ("the agency said").
GENERIC_INSTITUTION_HEADS = frozenset(
    """
    agency ministry company department organisation organization body service office board
    force monitor group authority firm operator charity bureau
    """.split()
)

# Words that open a time phrase, never a proper name ("Last Tuesday").
TIME_WORDS = frozenset(
    """
    last next this yesterday today tonight monday tuesday wednesday thursday friday saturday
    sunday earlier later meanwhile however
    """.split()
)

# Capitalised words that end the name of an office or body, not a person's name ("UN High
# Commissioner for Human Rights Volker Türk").
INSTITUTION_TAIL_WORDS = frozenset(
    """
    Rights Affairs Studies Development Relations Security Justice Migration Refugees Nations
    Forces Services Emergencies Humanitarian Peace Health Defence Defense Interior Education
    Commission Council Office Agency Ministry Police Energy Corporation Corp Group Holdings
    Airlines Airways Motors Industries Technologies Systems Bank Media Partners Capital Electric
    Power Chemical Chemicals Pharmaceuticals Railways Insurance Telecom Communications
    """.split()
)

# Prepositions that start a trailing phrase after a speaker's name ("a doctor at the hospital").
NAME_TAIL_PREPOSITIONS = frozenset("in at from on with near".split())

# Words a speaker's name never starts with once its first words are cut ("for the Ministry").
NOT_NAME_STARTS = frozenset("the a an of for in at from on with near and to by".split())

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
    "lives": "killed",
    "bodies": "killed",
    "body": "killed",
    "martyr": "killed",
    "toll": "killed",
    "deceased": "killed",
    "succumb": "killed",
    "victim": "killed",
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
deputy trooper officer ranger volunteer rescuer survivor spectator fan
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
ordered buried stabb booked neutrali conveyed attended rubble wreckage debris
""".split()
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

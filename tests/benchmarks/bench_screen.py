"""Benchmark: screening and entity resolution at list scale (targets: screen ≤ 60 s, resolve in seconds).

    .venv/bin/python tests/benchmarks/bench_screen.py [--listings 50000] [--queries 100000] [--workers 2] [--seed 7]

Data are generated deterministically from the seed (nothing is downloaded, no real list is
copied): ~50,000 listings across OFAC / UN / EU / UK (DPRK individuals and organisations, Chinese
and Russian front companies, vessels with IMO numbers), where about a third of the parties appear
on two to four lists spelled differently (romanisation variants, surname-first vs given-first,
hyphenation, legal forms, Hangul / Han / Cyrillic originals). The queries are half perturbed
spellings of listed parties (a tenth of them with a typo on top) and half random names that are
on no list.

Printed: build time, screening wall time and throughput, how many perturbed queries found their
party (a recall proxy on generated data, not the honest evaluation, which is
bench_matching_accuracy.py), hits on random names, resolve time and its pair precision/recall on
the generated parties, and peak memory (this process and the workers).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from orchestration.lib.matcher import Listing, clusters, resolve  # noqa: E402
from orchestration.lib.screening import Screener, ScreenInput  # noqa: E402

AUTHORITIES = ("OFAC", "UN", "EU", "UK")

# --------------------------------------------------------------------------------------------
# Name material (typed here; spellings as the lists write them)
# --------------------------------------------------------------------------------------------

KOREAN_SURNAMES = {
    "Kim": ["Kim", "Gim"], "Ri": ["Ri", "Lee", "Yi", "Rhee", "Li"], "Pak": ["Pak", "Park", "Bak"],
    "Choe": ["Choe", "Choi", "Ch'oe"], "Jong": ["Jong", "Chong", "Jeong", "Chŏng"], "Kang": ["Kang", "Gang"],
    "Jo": ["Jo", "Cho"], "Yun": ["Yun", "Yoon"], "Jang": ["Jang", "Chang"], "Han": ["Han"], "O": ["O", "Oh"],
    "Hwang": ["Hwang"], "Son": ["Son"], "Sin": ["Sin", "Shin"], "Ryu": ["Ryu", "Yu", "Yoo"], "Kwon": ["Kwon", "Gwon"],
    "Hong": ["Hong"], "Jon": ["Jon", "Chon", "Jeon", "Chŏn"], "Mun": ["Mun", "Moon"], "Ko": ["Ko", "Koh", "Go"],
    "Pae": ["Pae", "Bae"], "Paek": ["Paek", "Baek"], "Ho": ["Ho", "Heo"], "Nam": ["Nam"], "Chu": ["Chu", "Ju", "Joo"],
    "Ku": ["Ku", "Gu", "Koo"], "Min": ["Min"], "Rim": ["Rim", "Im", "Lim"], "Ryom": ["Ryom", "Yeom"], "Kil": ["Kil", "Gil"],
    "Pang": ["Pang", "Bang"], "Ji": ["Ji", "Chi"], "Cha": ["Cha"], "Kwak": ["Kwak", "Gwak"], "Yang": ["Yang", "Ryang"],
    "Tak": ["Tak"], "Ryang": ["Ryang", "Yang"], "Sok": ["Sok", "Seok"], "Chae": ["Chae"], "An": ["An", "Ahn"],
}  # fmt: skip
KOREAN_SYLLABLES = {
    "yong": ["yong", "young", "yeong", "yŏng"], "chol": ["chol", "chul", "cheol", "ch'o'l", "ch'ŏl"],
    "song": ["song", "seong", "so'ng"], "hyok": ["hyok", "hyuk", "hyeok", "hyo'k"], "il": ["il"],
    "nam": ["nam"], "kwang": ["kwang", "gwang"], "myong": ["myong", "myung", "myeong", "myo'ng"],
    "jin": ["jin", "chin"], "ho": ["ho"], "su": ["su", "soo"], "chun": ["chun", "ch'un"], "man": ["man"],
    "sok": ["sok", "seok", "so'k"], "hun": ["hun", "hoon"], "sik": ["sik"], "gon": ["gon", "kon"],
    "un": ["un", "eun", "u'n"], "ok": ["ok"], "hwa": ["hwa"], "hui": ["hui"], "bong": ["bong", "pong"],
    "guk": ["guk", "kuk"], "won": ["won", "wo'n"], "jae": ["jae", "chae"], "thae": ["thae", "tae"],
    "sang": ["sang"], "kyong": ["kyong", "kyung", "gyeong", "kyo'ng"], "chang": ["chang", "ch'ang"],
    "hak": ["hak"], "ung": ["ung"], "ryong": ["ryong", "yong"], "mu": ["mu"], "jun": ["jun", "chun"],
    "sam": ["sam"], "pom": ["pom", "beom"], "se": ["se"], "kyu": ["kyu", "gyu"], "pyong": ["pyong", "byong", "pyeong"],
    "tong": ["tong", "dong"], "hyon": ["hyon", "hyun", "hyeon"], "chan": ["chan"], "gil": ["gil", "kil"],
    "sun": ["sun"], "hae": ["hae"], "pil": ["pil", "p'il"], "yon": ["yon", "yeon"], "dok": ["dok", "tok", "deok"],
    "bok": ["bok", "pok"], "ik": ["ik"], "rim": ["rim", "im"], "ryol": ["ryol", "yeol"], "sop": ["sop", "seop"],
    "hwan": ["hwan"], "in": ["in"], "ha": ["ha"], "mi": ["mi"], "hye": ["hye"], "kum": ["kum", "geum", "ku'm"],
    "ran": ["ran", "nan"], "hyang": ["hyang"], "chon": ["chon", "cheon", "ch'o'n"], "gap": ["gap", "kap"],
    "hung": ["hung", "heung"], "tae": ["tae", "dae"], "kun": ["kun", "gun"], "u": ["u", "woo"],
}  # fmt: skip
HANGUL = {
    "Kim": "김", "Ri": "리", "Pak": "박", "Choe": "최", "Jong": "정", "Kang": "강", "Jo": "조", "Han": "한",
    "yong": "영", "chol": "철", "song": "성", "hyok": "혁", "il": "일", "nam": "남", "kwang": "광", "myong": "명",
    "jin": "진", "ho": "호", "su": "수", "chun": "춘", "man": "만", "sok": "석", "un": "은", "ok": "옥",
}  # fmt: skip
CITIES = ["Dandong", "Dalian", "Shenyang", "Hunchun", "Yanji", "Qingdao", "Tianjin", "Shanghai", "Beijing",
          "Weihai", "Yantai", "Zhuhai", "Shenzhen", "Guangzhou", "Ningbo", "Xiamen"]  # fmt: skip
CITY_HAN = {"Dandong": "丹东", "Dalian": "大连", "Shenyang": "沈阳", "Shanghai": "上海", "Beijing": "北京",
            "Qingdao": "青岛", "Tianjin": "天津", "Hunchun": "珲春"}  # fmt: skip
PINYIN = {"hong": "鸿", "xiang": "祥", "da": "达", "tian": "天", "fu": "富", "jin": "金", "cheng": "诚", "zhi": "至",
          "dong": "东", "yuan": "源", "hua": "华", "xin": "信", "sheng": "盛", "li": "利", "tai": "泰", "feng": "丰",
          "kang": "康", "hai": "海", "bo": "博", "rui": "瑞", "xing": "兴", "long": "龙", "an": "安", "heng": "恒",
          "yu": "宇", "ming": "明", "guang": "光", "rong": "荣", "wei": "威", "bao": "宝"}  # fmt: skip
CN_INDUSTRY = [("Trading", "贸易"), ("Industrial Development", "实业发展"), ("Metallic Material", "金属材料"),
               ("Shipping", "船务"), ("International Logistics", "国际物流"), ("Economic and Trade", "经贸"),
               ("Import and Export", "进出口"), ("Technology", "科技"), ("Industrial", "实业"),
               ("International Trading", "国际贸易")]  # fmt: skip
CN_FORMS = ["Co., Ltd.", "Co Ltd", "Company Limited", "Co., Limited", "Ltd"]
RU_ROOTS = ["gud", "ver", "al", "briz", "intel", "apol", "mok", "vost", "prim", "sever", "zar", "kron", "ural",
            "sib", "amur", "bajk", "tver", "don", "volg", "lad", "neva", "orl", "sok", "bars", "rus", "yug"]  # fmt: skip
RU_TAILS = ["zon", "us", "is", "lon", "ran", "ok", "ekt", "trans", "stroy", "neft", "torg", "flot", "snab",
            "invest", "resurs", "servis", "ekspo", "tek", "mash", "lekt"]  # fmt: skip
RU_FORMS = [("OOO {x}", "ООО «{c}»"), ("{x} LLC", "ООО «{c}»"), ("LLC {x}", "ООО «{c}»"),
            ("AO {x}", "АО «{c}»"), ("JSC {x}", "АО «{c}»"), ("{x} Shipping Co LLC", "ООО «{c}»")]  # fmt: skip
RU_PEOPLE = [("Ivanov", "Иванов"), ("Petrov", "Петров"), ("Sidorov", "Сидоров"), ("Kozlov", "Козлов"),
             ("Smirnov", "Смирнов"), ("Volkov", "Волков"), ("Sokolov", "Соколов"), ("Morozov", "Морозов"),
             ("Pavlov", "Павлов"), ("Semenov", "Семенов"), ("Orlov", "Орлов"), ("Lebedev", "Лебедев"),
             ("Novikov", "Новиков"), ("Fedorov", "Федоров"), ("Zaitsev", "Зайцев"), ("Kuznetsov", "Кузнецов"),
             ("Pisklin", "Писклин"), ("Serbin", "Сербин"), ("Kolchanov", "Колчанов"), ("Soin", "Соин"),
             ("Gayevoy", "Гаевой"), ("Chasovnikov", "Часовников"), ("Belov", "Белов"), ("Egorov", "Егоров")]  # fmt: skip
RU_FIRST = [("Aleksandr", "Александр"), ("Sergey", "Сергей"), ("Andrey", "Андрей"), ("Dmitriy", "Дмитрий"),
            ("Mikhail", "Михаил"), ("Vladimir", "Владимир"), ("Nikolay", "Николай"), ("Roman", "Роман"),
            ("Vasiliy", "Василий"), ("Igor", "Игорь"), ("Oleg", "Олег"), ("Yuriy", "Юрий")]  # fmt: skip
RU_PATRONYMIC = [("Aleksandrovich", "Александрович"), ("Sergeyevich", "Сергеевич"), ("Andreyevich", "Андреевич"),
                 ("Mikhaylovich", "Михайлович"), ("Vladimirovich", "Владимирович"), ("Yurevich", "Юрьевич"),
                 ("Nikolayevich", "Николаевич"), ("Ivanovich", "Иванович")]  # fmt: skip
_CYR = {"shch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "yu": "ю", "ya": "я", "yo": "ё",
        "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "y": "й", "k": "к",
        "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф"}  # fmt: skip
DPRK_ORG = ["Korea {x} Trading Corporation", "{x} Shipping Co", "Korea {x} General Corporation", "{x} Bank",
            "{x} Machinery Joint Venture Corporation", "{x} Credit Bank", "Korea {x} Mining Company"]  # fmt: skip
WESTERN_FIRST = ["John", "Maria", "Ahmed", "Carlos", "Anna", "Peter", "Fatima", "Luis", "Sofia", "James",
                 "Elena", "Omar", "Pierre", "Hans", "Giulia", "Rahul", "Aisha", "Miguel", "Laura", "David"]  # fmt: skip
WESTERN_LAST = ["Smith", "Garcia", "Müller", "Rossi", "Dubois", "Khan", "Silva", "Nguyen", "Johnson", "Kowalski",
                "Hernandez", "Schmidt", "Brown", "Martinez", "Andersson", "Okafor", "Haddad", "Fischer"]  # fmt: skip
EN_WORDS = ["Atlantic", "Sunrise", "Blue", "River", "Summit", "Pioneer", "Harbor", "Golden", "Northern",
            "Maple", "Crescent", "Falcon", "Granite", "Evergreen", "Horizon", "Silver", "Oak", "Prairie"]  # fmt: skip
EN_TRADES = ["Logistics", "Foods", "Textiles", "Consulting", "Software", "Holdings", "Motors", "Pharma"]
EN_FORMS = ["GmbH", "Inc.", "S.A.", "B.V.", "PLC", "Ltd", "LLC", "S.r.l."]


def cyrillic(word: str) -> str:
    out, i, low = [], 0, word.lower()
    while i < len(low):
        for size in (4, 2, 1):
            piece = low[i : i + size]
            if piece in _CYR:
                out.append(_CYR[piece])
                i += size
                break
        else:
            out.append(low[i])
            i += 1
    text = "".join(out)
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------------
# Parties and their spellings
# --------------------------------------------------------------------------------------------


class Party:
    __slots__ = ("kind", "base", "variants", "birth_year", "country", "imo")

    def __init__(self, kind, base, variants, birth_year=None, country=None, imo=None):
        self.kind, self.base, self.variants = kind, base, variants
        self.birth_year, self.country, self.imo = birth_year, country, imo


def korean_person(rng: random.Random) -> Party:
    surname = rng.choice(list(KOREAN_SURNAMES))
    given = [rng.choice(list(KOREAN_SYLLABLES)) for _ in range(1 if rng.random() < 0.05 else 2)]

    def spell() -> str:
        s = rng.choice(KOREAN_SURNAMES[surname])
        g = [rng.choice(KOREAN_SYLLABLES[x]) for x in given]
        joiner = rng.choice(("-", " ", ""))
        gtext = joiner.join(g)
        gtext = gtext[:1].upper() + gtext[1:] if joiner != " " else " ".join(x.capitalize() for x in g)
        style = rng.randrange(5)
        if style == 0:
            return f"{s.upper()}, {gtext}"  # OFAC / UK
        if style == 1:
            return f"{s.upper()} {gtext.upper()}"  # UN
        if style == 2:
            return f"{gtext} {s.upper()}"  # EU, given name first
        if style == 3 and surname in HANGUL and all(x in HANGUL for x in given):
            return HANGUL[surname] + "".join(HANGUL[x] for x in given)
        return f"{s} {gtext}"

    base = f"{surname.upper()}, {'-'.join(given).capitalize()}"
    return Party("individual", base, spell, rng.randint(1935, 1990), "PRK")


def chinese_company(rng: random.Random) -> Party:
    city = rng.choice(CITIES)
    syl = [rng.choice(list(PINYIN)) for _ in range(2)]
    industry, industry_han = rng.choice(CN_INDUSTRY)

    def spell() -> str:
        if city in CITY_HAN and rng.random() < 0.15:
            return CITY_HAN[city] + "".join(PINYIN[s] for s in syl) + industry_han + "有限公司"
        trade = ("".join(syl).capitalize() if rng.random() < 0.7 else " ".join(s.capitalize() for s in syl))
        text = f"{city} {trade} {industry} {rng.choice(CN_FORMS)}"
        return text.upper() if rng.random() < 0.5 else text

    return Party("entity", f"{city} {''.join(syl).capitalize()} {industry} Co., Ltd.", spell, None, "CHN")


def russian_company(rng: random.Random) -> Party:
    word = (rng.choice(RU_ROOTS) + rng.choice(("", "o", "a", "e")) + rng.choice(RU_ROOTS) + rng.choice(RU_TAILS)).capitalize()

    def spell() -> str:
        latin, cyr = rng.choice(RU_FORMS)
        if rng.random() < 0.2:
            return cyr.format(c=cyrillic(word))
        text = latin.format(x=word)
        return text.upper() if rng.random() < 0.5 else text

    return Party("entity", f"{word} LLC", spell, None, "RUS")


def russian_person(rng: random.Random) -> Party:
    (first, first_c), (patr, patr_c) = rng.choice(RU_FIRST), rng.choice(RU_PATRONYMIC)
    if rng.random() < 0.3:
        last, last_c = rng.choice(RU_PEOPLE)
    else:  # a made-up surname, written in both scripts
        last = (rng.choice(RU_ROOTS) + rng.choice(("ov", "ev", "in", "sky", "enko", "ikov", "anov"))).capitalize()
        last_c = cyrillic(last)

    def spell() -> str:
        style = rng.randrange(4)
        if style == 0:
            return f"{last.upper()}, {first} {patr}"
        if style == 1:
            return f"{first} {patr} {last.upper()}"
        if style == 2:
            return f"{last_c} {first_c} {patr_c}"
        return f"{first} {last}"

    return Party("individual", f"{last.upper()}, {first} {patr}", spell, rng.randint(1950, 1990), "RUS")


def dprk_org(rng: random.Random) -> Party:
    syl = [rng.choice(list(KOREAN_SYLLABLES)) for _ in range(2)]
    pattern = rng.choice(DPRK_ORG)

    def spell() -> str:
        word = "".join(rng.choice(KOREAN_SYLLABLES[s]) for s in syl).replace("'", "").capitalize()
        text = pattern.format(x=word)
        text = text.replace("Corporation", rng.choice(("Corporation", "Corp", "Corp."))).replace(
            "Company", rng.choice(("Company", "Co", "Co.")))
        text = text.replace("Korea ", rng.choice(("Korea ", "Korean ", "DPRK ")), 1)
        return text.upper() if rng.random() < 0.5 else text

    return Party("entity", pattern.format(x="".join(syl).capitalize()), spell, None, "PRK")


def vessel(rng: random.Random, imo: int) -> Party:
    words = [rng.choice(list(KOREAN_SYLLABLES)).upper() for _ in range(rng.choice((1, 2, 3)))]
    number = f" {rng.randint(1, 9)}" if rng.random() < 0.3 else ""

    def spell() -> str:
        return (" ".join(words) if rng.random() < 0.6 else "".join(words)) + number

    return Party("vessel", " ".join(words) + number, spell, None, None, str(imo))


def make_parties(rng: random.Random, count: int) -> list[Party]:
    makers = [(korean_person, 0.40), (chinese_company, 0.20), (dprk_org, 0.15), (russian_company, 0.08),
              (russian_person, 0.07)]  # fmt: skip
    parties = []
    imo = 8_000_000
    for _ in range(count):
        r = rng.random()
        if r > 0.90:
            imo += rng.randint(7, 97)
            parties.append(vessel(rng, imo))
            continue
        acc = 0.0
        for maker, share in makers:
            acc += share
            if r <= acc or maker is makers[-1][0]:
                parties.append(maker(rng))
                break
    return parties


def make_listings(rng: random.Random, target: int) -> tuple[list[Listing], list[tuple[int, Party]]]:
    """About ``target`` listings; each party on 1-4 lists, each list spelling it its own way."""
    listings: list[Listing] = []
    owner: list[tuple[int, Party]] = []
    parties = make_parties(rng, int(target / 1.6))
    serial = defaultdict(int)
    for pid, party in enumerate(parties):
        lists = rng.sample(AUTHORITIES, rng.choice((1, 1, 1, 2, 2, 3, 4)))
        for authority in lists:
            serial[authority] += 1
            names = tuple(dict.fromkeys(party.variants() for _ in range(rng.choice((1, 1, 2, 3)))))
            ids = {"imo": frozenset({party.imo})} if party.imo else {}
            years = frozenset({party.birth_year}) if party.birth_year and rng.random() < 0.8 else frozenset()
            countries = frozenset({party.country}) if party.country and rng.random() < 0.7 else frozenset()
            listings.append(Listing(f"{authority}-{serial[authority]}", authority, party.kind, names, ids, years,
                                    countries))  # fmt: skip
            owner.append((pid, party))
            if len(listings) >= target:
                return listings, owner
    return listings, owner


def typo(rng: random.Random, text: str) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:-1])
    if rng.random() < 0.5:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :] if i + 2 <= len(text) else text


def random_name(rng: random.Random) -> ScreenInput:
    if rng.random() < 0.5:
        return ScreenInput(f"{rng.choice(WESTERN_FIRST)} {rng.choice(WESTERN_LAST)}", dob=rng.randint(1940, 2000))
    return ScreenInput(f"{rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)} {rng.choice(EN_TRADES)} {rng.choice(EN_FORMS)}")


def make_queries(rng, listings, owner, count) -> tuple[list[ScreenInput], list[int | None]]:
    queries, truth = [], []
    for _ in range(count):
        if rng.random() < 0.5:
            index = rng.randrange(len(listings))
            pid, party = owner[index]
            name = party.variants()
            if rng.random() < 0.1:
                name = typo(rng, name)
            queries.append(ScreenInput(name, dob=party.birth_year if rng.random() < 0.5 else None,
                                       imo=party.imo if party.imo and rng.random() < 0.5 else None))  # fmt: skip
            truth.append(pid)
        else:
            queries.append(random_name(rng))
            truth.append(None)
    return queries, truth


def peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    listings, owner = make_listings(rng, args.listings)
    queries, truth = make_queries(rng, listings, owner, args.queries)
    print(f"generated {len(listings):,} listings and {len(queries):,} queries in {time.perf_counter() - t0:.1f} s "
          f"(seed {args.seed})")  # fmt: skip

    t0 = time.perf_counter()
    screener = Screener(listings, workers=args.workers)
    build = time.perf_counter() - t0
    print(f"index built in {build:.1f} s")

    t0 = time.perf_counter()
    hits_by_row: dict[int, list] = defaultdict(list)
    n_hits = 0
    for hit in screener.screen(queries):
        hits_by_row[hit.row].append(hit)
        n_hits += 1
    wall = time.perf_counter() - t0
    owner_of = {listing.key: pid for listing, (pid, _p) in zip(listings, owner)}
    planted = [i for i, t in enumerate(truth) if t is not None]
    found = sum(1 for i in planted if any(owner_of[h.key] == truth[i] for h in hits_by_row.get(i, ())))
    random_rows = [i for i, t in enumerate(truth) if t is None]
    random_hit = sum(1 for i in random_rows if hits_by_row.get(i))
    wrong_top = sum(1 for i in planted if hits_by_row.get(i) and owner_of[hits_by_row[i][0].key] != truth[i])
    print(f"screened {len(queries):,} names against {len(listings):,} listings in {wall:.1f} s "
          f"with {args.workers} worker(s): {len(queries) / wall:,.0f} names/s, {n_hits:,} hits")
    print(f"  perturbed listed names found: {found:,} / {len(planted):,} ({found / len(planted):.1%}); "
          f"top hit another party: {wrong_top:,}")
    print(f"  random names with a hit: {random_hit:,} / {len(random_rows):,}")
    me, kids = peak_mb()
    print(f"  peak memory: this process {me:,.0f} MB, largest worker {kids:,.0f} MB")
    print(f"  target: <= 60 s for 100,000 names on 2 cores -> {'OK' if wall <= 60 else 'MISSED'}")

    t0 = time.perf_counter()
    matches = resolve(listings)
    resolve_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    cluster_of = clusters([l.key for l in listings], matches)
    cluster_s = time.perf_counter() - t1
    pid_of = {l.key: pid for l, (pid, _p) in zip(listings, owner)}
    true_pairs = set()
    members = defaultdict(list)
    for l in listings:
        members[pid_of[l.key]].append(l.key)
    for keys in members.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                true_pairs.add(tuple(sorted((a, b))))
    got = {(m.key_a, m.key_b) for m in matches}
    tp = len(got & true_pairs)
    by_cluster = defaultdict(list)
    for k, c in cluster_of.items():
        by_cluster[c].append(k)
    print(f"resolve: {len(listings):,} listings -> {len(matches):,} matches in {resolve_s:.1f} s; "
          f"clusters() {cluster_s:.2f} s -> {len(by_cluster):,} clusters")
    print(f"  pairs vs generated truth: precision {tp / max(1, len(got)):.3f}, recall {tp / max(1, len(true_pairs)):.3f} "
          f"({len(true_pairs):,} true pairs)")  # fmt: skip
    me, kids = peak_mb()
    print(f"  peak memory after resolve: {me:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

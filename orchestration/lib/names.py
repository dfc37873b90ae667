"""Name normalisation for matching sanctions listings across OFAC, UN, EU and UK lists.

Pure and deterministic: no network, no environment variables, no state but memoising caches.
``normalise(name, kind)`` turns one written name into a :class:`NormalName`, the form every
comparison in ``orchestration.lib.matcher`` and ``orchestration.lib.screening`` works on.

The steps, in order:

1. **Script.** NFKC, then per script: Han runs are cut into known words (place names, trade words,
   legal forms, see ``HAN_WORDS``) and the rest is read with pypinyin (which knows that 重庆 is
   Chongqing); Hangul is read one syllable at a time with anyascii (Revised Romanisation), so a
   Hangul name arrives already cut into syllables; Cyrillic and Latin with diacritics go through
   anyascii (ŏ→o, ŭ→u, Гудзон→Gudzon, ООО→OOO).
2. **Folding.** Lower case; apostrophes and MR breve marks vanish (``Ch'o'l`` → ``chol``); every
   other punctuation mark separates words; a hyphen separates too but the joined form is kept
   (``Yong-chol`` → ``yong chol`` and ``yongchol``).
3. **Legal form** (organisations). Trailing and leading legal-form phrases are cut off the core
   name and mapped to one class (``LEGAL_FORMS``): ``Co., Ltd`` = ``Company Limited`` =
   ``有限公司`` → LTD; ``ООО`` = ``LLC`` = ``Limited Liability Company`` → LLC; ``АО``/``ПАО``/``JSC``
   → JSC; ``Corporation``/``Corp``/``총회사`` → CORP; ``Company``/``Co``/``회사`` → CO. In
   "General Corporation" the word *general* stays in the core as a (light) trade word: "Korea X
   General Corporation" and "X Trading Company" are often two parties. The class is weak
   evidence for the matcher, never the core of a match.
4. **Korean syllables.** A word that reads entirely as romanised Korean syllables (a small onset /
   vowel / coda grammar, ``_segment``) is cut into syllables and each syllable is mapped to one
   canonical key (``canonical_syllable``): McCune-Reischauer with or without breves, Revised
   Romanisation, DPRK official spelling and the common popular spellings all land on the same key
   (``Chong``/``Jong``/``Jeong``/``Ch'ŏng`` → ``chonk``; ``Ri``/``Rhee``/``Yi``/``Lee``/``Li`` → ``i``;
   ``Pak``/``Park``/``Bak`` → ``pak``; ``Choe``/``Choi`` → ``choe``; ``Ryonbong``/``Lyonbong``/
   ``Yonbong`` → ``yonponk``). Keys are match keys, not spellings to show anyone. A person's name
   gets this only when every word of it reads as Korean ("Mikhail" parses, "Pisklin" does not);
   an organisation only when every proper-name word does, and never on English trade words such
   as *mining* or *general*, which would otherwise also parse as syllables.
5. **Person order.** ``SURNAME, Given`` (OFAC and UK style) records the surname; matching then
   compares the name as written and every rotation of its words (surname-first vs given-first)
   and, more weakly, as a word multiset.

What this module does not do: guess that two different Korean syllables are the same (``Chol``
is not ``Chun``), translate names (beyond small tables of trade and place words: 贸易 = trading,
은행 = bank, unhaeng = bank), or read Chinese readings of Korean names (金铁三 is not Kim Chol Sam).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from anyascii import anyascii
from pypinyin import lazy_pinyin

__all__ = [
    "NormalName",
    "normalise",
    "canonical_syllable",
    "korean_syllables",
    "fold",
    "LEGAL_FORMS",
    "SYLLABLE_VARIANTS",
    "PERSON_KINDS",
]

PERSON_KINDS = frozenset({"individual", "person"})
ORG_KINDS = frozenset({"entity", "organisation", "organization", "company"})

# --------------------------------------------------------------------------------------------
# Korean romanisation: syllable grammar and canonical keys
# --------------------------------------------------------------------------------------------

# Onsets as written in MR (with apostrophes removed), RR, DPRK official (kh/th/ph) and popular
# spellings. Longest first so the parser tries "tch" before "t".
_ONSETS = ("tch", "kk", "kh", "tt", "th", "pp", "ph", "ss", "sh", "jj", "ch", "rh",
           "k", "g", "n", "d", "t", "r", "l", "m", "b", "p", "s", "j", "h", "")  # fmt: skip
# Vowels: MR (o/u for ŏ/ŭ once breves are gone), RR (eo, eu), popular (oo, ee, ou, oi).
_NUCLEI = ("yeo", "yae", "wae", "weo", "eui", "you",
           "ae", "ya", "eo", "yo", "yu", "eu", "ye", "wa", "oe", "wo", "we", "wi", "ui", "oo", "ee",
           "oi", "ou",
           "a", "o", "u", "i", "e")  # fmt: skip
# Codas of romanised Korean. "g", "b" and "d" codas only appear in anyascii's reading of Hangul
# (김 → Gim, 혁 → Hyeog, 업 → Eob); allowing them in Latin text would cut English words.
_CODAS_LATIN = ("ng", "k", "n", "l", "m", "p", "t", "")
_CODAS_HANGUL = ("ng", "k", "g", "n", "l", "m", "p", "b", "t", "d", "s", "")

# Whole-syllable variants that the letter rules below cannot reach: the popular South Korean
# spellings that write ŏ as "u" (Young, Kyung, Chul) and surname spellings with silent letters.
# Ambiguous popular spellings are left out on purpose: "sung" (성 or 승), "jung" (정 or 중),
# "suk" (석 or 숙), "chun" (춘 or 천) each stay what they are.
SYLLABLE_VARIANTS: dict[str, str] = {
    # ŏ written "u" in popular spelling
    "young": "yong", "yung": "yong", "kyung": "kyong", "gyung": "kyong", "myung": "myong",
    "hyung": "hyong", "byung": "pyong", "pyung": "pyong", "hyun": "hyon", "hyuk": "hyok",
    "chul": "chol", "cheul": "chol",
    # surnames
    "lee": "ri", "rhee": "ri", "yi": "ri", "li": "ri", "ree": "ri", "rhie": "ri",
    "park": "pak", "bak": "pak", "pack": "pak", "paik": "paek",
    "choi": "choe", "chwe": "choe", "choy": "choe",
    "oh": "o", "roh": "no", "noh": "no", "ahn": "an", "shin": "sin", "suh": "so",
    "chung": "chung", "jeon": "chon", "chun": "chun",
    "kang": "kang", "gang": "kang", "koh": "ko", "yoo": "yu", "ryoo": "yu", "yoon": "yun",
    "moon": "mun", "woo": "u", "joo": "chu", "soo": "su", "koo": "ku", "goo": "ku", "hoon": "hun",
    "soon": "sun", "joon": "chun", "doo": "tu", "loo": "nu",
}  # fmt: skip

_ONSET_MAP = {
    "tch": "ch", "jj": "ch", "j": "ch", "ch": "ch",
    "kk": "k", "kh": "k", "g": "k", "k": "k",
    "tt": "t", "th": "t", "d": "t", "t": "t",
    "pp": "p", "ph": "p", "b": "p", "p": "p",
    "ss": "s", "sh": "s", "s": "s",
    "rh": "r", "l": "r", "r": "r",
    "n": "n", "m": "m", "h": "h", "": "",
}  # fmt: skip
_NUCLEUS_MAP = {
    "yeo": "yo", "eo": "o", "eu": "u", "eui": "ui", "weo": "wo", "oo": "u", "ee": "i", "oi": "oe",
    "ou": "o", "you": "yo",
}
# ng → nk so that a word cut "chong-ang" and one cut "chon-gang" give the same letters once the
# onset g is a k; l → r because MR writes ㄹ as r or l by position.
_CODA_MAP = {"ng": "nk", "g": "k", "k": "k", "l": "r", "b": "p", "p": "p", "d": "t", "t": "t", "s": "t"}


def _parse_syllable(text: str, start: int, codas: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Every (onset, nucleus, coda) that can be read at text[start:]."""
    found = []
    for onset in _ONSETS:
        if not text.startswith(onset, start):
            continue
        i = start + len(onset)
        for nucleus in _NUCLEI:
            if not text.startswith(nucleus, i):
                continue
            j = i + len(nucleus)
            for coda in codas:
                if text.startswith(coda, j):
                    found.append((onset, nucleus, coda))
    return found


@lru_cache(maxsize=200_000)
def _segment(word: str, hangul: bool = False) -> tuple[tuple[str, str, str], ...] | None:
    """Cut a romanised word into Korean syllables, or None when it is not romanised Korean.

    Fewest syllables wins; among equals, longer syllables first (``kyongil`` → kyong-il). The
    canonical keys are built so that a different cut of the same letters usually gives the same
    joined key (``namchongang`` as nam-chong-ang or nam-chon-gang → ``namchonkank``).
    """
    if not word or not word.isascii() or not word.isalpha() or len(word) > 24:
        return None
    codas = _CODAS_HANGUL if hangul else _CODAS_LATIN
    n = len(word)
    best: list[tuple[int, tuple] | None] = [None] * (n + 1)
    best[n] = (0, ())
    for start in range(n - 1, -1, -1):
        choice = None
        for onset, nucleus, coda in _parse_syllable(word, start, codas):
            end = start + len(onset) + len(nucleus) + len(coda)
            rest = best[end]
            if rest is None:
                continue
            candidate = (rest[0] + 1, ((onset, nucleus, coda),) + rest[1])
            if choice is None or candidate[0] < choice[0] or (
                candidate[0] == choice[0] and _longer_first(candidate[1], choice[1])
            ):
                choice = candidate
        best[start] = choice
    return best[0][1] if best[0] is not None else None


def _longer_first(a: tuple, b: tuple) -> bool:
    return [-len("".join(s)) for s in a] < [-len("".join(s)) for s in b]


@lru_cache(maxsize=50_000)
def canonical_syllable(onset: str, nucleus: str, coda: str) -> str:
    """One canonical key for a romanised Korean syllable (see SYLLABLE_VARIANTS and the maps).

    The rules, in order: whole-syllable popular variants; vowels (eo→o, eu→u, oo→u, ee→i, oi→oe);
    consonants lose voicing and aspiration (g/k/kk/kh → k, d/t/th → t, b/p/ph → p,
    j/ch/tch → ch, sh → s, l → r); the initial-sound rule of Korean (두음법칙), applied to every
    syllable so that spacing does not matter: r before i/y drops and r elsewhere becomes n
    (Ri = Yi = I, Ryu = Yu, Rim = Im, Ro = No, Ra = Na), n before i/y drops (Nyongbyon =
    Yongbyon); "yi" is "i".
    """
    whole = onset + nucleus + coda
    variant = SYLLABLE_VARIANTS.get(whole)
    if variant is not None and variant != whole:
        parsed = _segment(variant)
        if parsed and len(parsed) == 1:
            onset, nucleus, coda = parsed[0]
    o = _ONSET_MAP[onset]
    v = _NUCLEUS_MAP.get(nucleus, nucleus)
    c = _CODA_MAP.get(coda, coda)
    if o == "r":
        o = "" if v[0] in "iy" else "n"
    elif o == "n" and v[0] in "iy":
        o = ""
    if o == "" and v == "yi":
        v = "i"
    if o == "" and v == "wu":
        v = "u"
    return o + v + c


def korean_syllables(word: str, hangul: bool = False) -> tuple[str, ...] | None:
    """Canonical syllable keys of a romanised Korean word, or None when it does not read as one."""
    variant = SYLLABLE_VARIANTS.get(word)
    if variant is not None:
        word = variant
    parsed = _segment(word, hangul)
    if parsed is None:
        return None
    return tuple(canonical_syllable(*syllable) for syllable in parsed)


# --------------------------------------------------------------------------------------------
# Organisation vocabulary: legal forms, trade words, places
# --------------------------------------------------------------------------------------------

# Legal-form phrases (folded words) → class. Matched at the end of a name (repeatedly) and, for
# the Russian abbreviations and LLC/JSC, at the start. Longest phrase first.
LEGAL_FORMS: dict[tuple[str, ...], str] = {}
for _class, _phrases in {
    "LTD": ["co ltd", "co limited", "company limited", "company ltd", "limited", "ltd", "pte ltd",
            "pte limited", "pte", "pvt ltd", "private limited", "pty ltd", "pty limited", "pty",
            "sdn bhd", "limited company", "ltda", "yugen gaisha"],
    "LLC": ["llc", "l l c", "limited liability company", "limited liability co", "ooo",
            "obshchestvo s ogranichennoy otvetstvennostyu", "limited liability partnership", "obshchestvo s ogranichennoi otvetstvennostiu",
            "tov", "too", "llp", "fze", "fzco", "fzc", "fz llc", "dmcc"],
    "JSC": ["jsc", "ojsc", "cjsc", "pjsc", "ao", "oao", "zao", "pao", "joint stock company",
            "public joint stock company", "open joint stock company", "closed joint stock company",
            "aktsionernoe obshchestvo", "publichnoe aktsionernoe obshchestvo", "jusik hoesa",
            "chusik hoesa", "jusikhoesa", "kabushiki kaisha", "kk", "ag", "sa", "nv", "plc"],
    "CORP": ["corporation", "corp", "inc", "incorporated", "chonghoesa", "chong hoesa", "cc", "close corporation"],
    "CO": ["company", "co", "hoesa", "kongsi", "gongsi"],
    "GMBH": ["gmbh"],
}.items():
    for _phrase in _phrases:
        LEGAL_FORMS[tuple(_phrase.split())] = _class
_LEGAL_MAX = max(len(p) for p in LEGAL_FORMS)
# Forms that may open a name (ООО «Гудзон», LLC Gudzon, AO Kronshtadt).
_LEADING_FORMS = {("ooo",), ("llc",), ("ao",), ("oao",), ("zao",), ("pao",), ("jsc",), ("ojsc",), ("cjsc",),
                  ("pjsc",), ("tov",)}  # fmt: skip
# When a name carries two forms ("Shipping Co LLC"), the more specific one is kept.
_FORM_RANK = {"LLC": 5, "JSC": 5, "LTD": 4, "GMBH": 4, "CORP": 3, "CO": 1}

# Words describing what an organisation does: compared, but weigh less than its proper name.
_DESCRIPTOR_SYNONYMS = {
    "trade": "trading", "traders": "trading", "commerce": "commercial",
    "shpg": "shipping", "ship": "shipping", "shipmanagement": "shipping", "navigation": "shipping",
    "marine": "maritime", "intl": "international", "tech": "technology", "technologies": "technology",
    "technical": "technology", "industries": "industrial", "industry": "industrial",
    "banking": "bank", "mgmt": "management", "imports": "import", "exports": "export",
    "investments": "investment", "holding": "holdings", "enterprises": "enterprise",
    "chemicals": "chemical", "electronic": "electronics", "minerals": "mining", "mine": "mining",
    "machine": "machinery", "services": "service", "materials": "material", "metals": "metallic",
    "metal": "metallic", "centre": "center", "lines": "line", "projects": "project",
    "economics": "economic", "economy": "economic", "jvc": "joint venture",
    # romanised Korean trade words (DPRK names are often romanised rather than translated)
    "unhaeng": "bank", "muyok": "trading", "kaebal": "development", "kwangop": "mining", "haeun": "shipping",
    "kisul": "technology", "hapyong": "joint venture", "sangsa": "trading", "kongop": "industrial", "defence": "defense", "sciences": "science", "jv": "joint venture",
    "j v": "joint venture", "logistic": "logistics", "transportation": "transport",
    "associated": "association", "developments": "development", "devt": "development",
    "2nd": "second", "1st": "first", "3rd": "third", "companies": "company", "corporations": "corporation",
}  # fmt: skip
DESCRIPTORS = frozenset(
    """trading shipping maritime international technology industrial bank credit finance financial
    insurance management import export investment holdings enterprise chemical electronics mining
    machinery service material metallic center line project economic defense science development
    group general joint venture logistics transport freight energy oil petroleum gas fuel equipment
    construction engineering factory plant works complex agency bureau office department committee
    commission ministry academy institute university association united overseas foreign global
    world national state central federal company corporation trust fund exchange tanker tankers
    bunkering fishing fisheries fishery agricultural agriculture commodities cargo port product
    products supply supplies system systems solutions research union partners partnership resources
    steel coal iron textile textiles garment garments food foods medical pharmaceutical hotel
    travel tourism art studio consulting petrochemical aviation airlines air cooperation cooperative
    sales equity capital venture ventures store stores mart market commercial""".split()
)
GEO_SYNONYMS = {
    "korean": "korea", "dprk": "korea", "dprkn": "korea", "chosun": "korea", "choson": "korea",
    "chinese": "china", "prc": "china", "russian": "russia", "hk": "hongkong", "hkg": "hongkong",
    "singaporean": "singapore",
}  # fmt: skip
GEO = frozenset(
    """korea china russia hongkong macau macao singapore taiwan dandong dalian shenyang shanghai
    beijing tianjin qingdao hunchun yanji zhuhai shenzhen guangzhou weihai yantai liaoning jilin
    heilongjiang harbin nanjing ningbo zhejiang shandong fujian xiamen vladivostok nakhodka
    khabarovsk moscow sakhalin primorsky primorye pyongyang nampo rajin rason sinuiju chongjin
    hamhung wonsan namibia malaysia thailand vietnam cambodia indonesia uae dubai mongolia
    asia asian pacific east eastern north northern south southern far""".split()
)
STOPWORDS = frozenset("the of and for a an de la le du des y et in on at to by".split())

# Chinese words read as their English equivalents before pinyin, so 丹东鸿祥实业发展有限公司 and
# "Dandong Hongxiang Industrial Development Co., Ltd." share their words. Simplified and
# traditional. Legal forms map to a marker the legal-form step reads.
HAN_WORDS: dict[str, str] = {
    "股份有限公司": "@JSC", "有限责任公司": "@LTD", "有限責任公司": "@LTD", "有限公司": "@LTD",
    "責任公司": "@LTD", "责任公司": "@LTD", "集团公司": "group @CORP", "集團公司": "group @CORP",
    "总公司": "@CORP", "總公司": "@CORP", "公司": "@CO", "会社": "@CO", "會社": "@CO",
    "贸易": "trading", "貿易": "trading", "商贸": "trading", "商貿": "trading", "经贸": "economic trading",
    "經貿": "economic trading", "实业": "industrial", "實業": "industrial", "工业": "industrial", "工業": "industrial",
    "发展": "development", "發展": "development", "开发": "development", "開發": "development",
    "国际": "international", "國際": "international", "船务": "shipping", "船務": "shipping",
    "航运": "shipping", "航運": "shipping", "海运": "shipping", "海運": "shipping", "船舶": "shipping",
    "物流": "logistics", "科技": "technology", "技术": "technology", "技術": "technology",
    "进出口": "import export", "進出口": "import export", "集团": "group", "集團": "group",
    "投资": "investment", "投資": "investment", "能源": "energy", "矿业": "mining", "礦業": "mining",
    "控股": "holdings", "电子": "electronics", "電子": "electronics", "机械": "machinery",
    "機械": "machinery", "金属": "metallic", "金屬": "metallic", "材料": "material", "化工": "chemical",
    "银行": "bank", "銀行": "bank", "管理": "management", "联合": "united", "聯合": "united",
    "石油": "petroleum", "燃料": "fuel", "渔业": "fishing", "漁業": "fishing", "服务": "service",
    "服務": "service", "代理": "agency", "工程": "engineering", "建设": "construction",
    "建設": "construction", "香港": "hongkong", "中国": "china", "中國": "china", "朝鲜": "korea",
    "朝鮮": "korea", "俄罗斯": "russia", "丹东": "dandong", "丹東": "dandong", "大连": "dalian",
    "大連": "dalian", "沈阳": "shenyang", "瀋陽": "shenyang", "上海": "shanghai", "北京": "beijing",
    "天津": "tianjin", "青岛": "qingdao", "青島": "qingdao", "珲春": "hunchun", "琿春": "hunchun",
    "延吉": "yanji", "深圳": "shenzhen", "广州": "guangzhou", "廣州": "guangzhou", "威海": "weihai",
    "烟台": "yantai", "煙台": "yantai", "辽宁": "liaoning", "遼寧": "liaoning", "吉林": "jilin",
    "澳门": "macau", "澳門": "macau", "新加坡": "singapore",
}  # fmt: skip
# Hangul organisation words (DPRK names written in Korean script).
HANGUL_WORDS: dict[str, str] = {
    "주식회사": "@JSC", "총회사": "@CORP", "회사": "@CO", "무역": "trading", "은행": "bank",
    "개발": "development", "광업": "mining", "해운": "shipping", "기술": "technology", "조선": "korea",
    "국제": "international", "합영": "joint venture", "상사": "trading", "공업": "industrial",
}  # fmt: skip
_HAN_MAX = max(len(w) for w in HAN_WORDS)
_HANGUL_MAX = max(len(w) for w in HANGUL_WORDS)


# --------------------------------------------------------------------------------------------
# Scripts and folding
# --------------------------------------------------------------------------------------------


def _script(ch: str) -> str:
    code = ord(ch)
    if 0xAC00 <= code <= 0xD7A3:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if ch.isalpha() and code > 0x7F:
        return "latin"  # accented Latin and everything else anyascii reads
    return "ascii"


_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`ʼʻ´′ʹ"), None)
_SEPARATORS = re.compile(r"[^a-z0-9@\- ]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Latin text to lower-case ASCII words: diacritics folded, apostrophes dropped, punctuation to spaces."""
    text = anyascii(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)).lower()
    text = text.translate(_APOSTROPHES).replace("&", " and ").replace("+", " and ")
    return " ".join(_SEPARATORS.sub(" ", text).split())


def _read_dictionary_run(run: str, words: dict[str, str], longest: int, reader) -> list[str]:
    """Cut a Han or Hangul run into known words (longest first) and read the rest with ``reader``."""
    out: list[str] = []
    pending: list[str] = []
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            piece = run[i : i + size]
            if piece in words:
                if pending:
                    out.append(reader("".join(pending)))
                    pending = []
                out.append(words[piece])
                i += size
                break
        else:
            pending.append(run[i])
            i += 1
    if pending:
        out.append(reader("".join(pending)))
    return out


def _read_han(run: str) -> str:
    return "".join(lazy_pinyin(run, errors="ignore"))


def _read_hangul_syllables(run: str) -> str:
    # One word per Hangul name / word; syllables separated by "-" so that they stay syllables.
    return "-".join(anyascii(ch).lower() for ch in run)


_HAN_OR_HANGUL = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+|[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")


@lru_cache(maxsize=8192)
def _transliterate(text: str, is_org: bool) -> tuple[str, frozenset[str], bool]:
    """Latin text for any script, the scripts seen, and whether Hangul syllables were read."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text, frozenset({"latin"}), False
    scripts = set()
    if _CYRILLIC.search(text):
        scripts.add("cyrillic")
    if any(ord(ch) > 0x7F and ch.isalpha() and _script(ch) == "latin" for ch in text):
        scripts.add("latin")
    parts: list[str] = []
    hangul = False
    last = 0
    for run in _HAN_OR_HANGUL.finditer(text):
        parts.append(text[last : run.start()])
        chunk = run.group()
        if _script(chunk[0]) == "han":
            scripts.add("han")
            parts.append(" " + " ".join(_read_dictionary_run(chunk, HAN_WORDS, _HAN_MAX, _read_han)) + " ")
        else:
            scripts.add("hangul")
            hangul = True
            if is_org:
                # syllables kept apart (련봉 → lyeon-bong): Hangul says where they end, and the
                # joined proper name (yonponk) is what meets "Ryonbong"
                pieces = _read_dictionary_run(chunk, HANGUL_WORDS, _HANGUL_MAX, _read_hangul_syllables)
            else:
                pieces = [_read_hangul_syllables(chunk)]
            parts.append(" " + " ".join(pieces) + " ")
        last = run.end()
    parts.append(text[last:])
    if not scripts:
        scripts.add("latin")
    return "".join(parts), frozenset(scripts), hangul


# --------------------------------------------------------------------------------------------
# The normal form
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalName:
    """One written name in comparable form.

    ``tokens``: folded words of the core name (legal form removed, hyphenated words split).
    ``keys``: match keys aligned with ``groups``: for a person, every Korean word is split into
    canonical syllables; for an organisation, a Korean-looking proper word becomes one key made of
    its canonical syllables; other words stay as folded (with trade-word synonyms merged).
    ``groups``: for each written word (after hyphen splitting), the slice of ``keys`` it produced,
    so rotations keep a word's syllables together. ``roles``: per key, ``name`` (person),
    ``proper`` / ``descriptor`` / ``geo`` (organisation). ``surname``: number of leading groups
    that are the surname when the writer said so (``KIM, Yong Chol``), else 0. ``korean``: every
    proper word read as Korean syllables. ``joined``: words joined at hyphens (``yongchol``).

    Derived for comparison: ``rotations`` (a person's keys joined in every rotation of its words:
    surname-first and given-first meet), ``compact`` / ``sorted_key`` (all keys joined / sorted),
    ``proper_compact`` / ``proper_sorted`` (proper-name keys only), ``descriptors``, ``geo``,
    ``numbers`` (sets of trade, place and number words).
    """

    original: str
    kind: str
    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    roles: tuple[str, ...]
    groups: tuple[tuple[int, int], ...]
    legal_form: str | None = None
    legal_form_text: str | None = None
    scripts: frozenset[str] = frozenset({"latin"})
    korean: bool = False
    surname: int = 0
    joined: tuple[str, ...] = ()
    acronym: str | None = None
    compact: str = field(default="", compare=False)
    sorted_key: str = field(default="", compare=False)
    rotations: tuple[str, ...] = field(default=(), compare=False)
    proper_compact: str = field(default="", compare=False)
    proper_sorted: str = field(default="", compare=False)
    descriptors: frozenset[str] = field(default=frozenset(), compare=False)
    geo: frozenset[str] = field(default=frozenset(), compare=False)
    numbers: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def is_person(self) -> bool:
        return self.kind in PERSON_KINDS

    @property
    def text(self) -> str:
        """The folded core name (what a person reads in a match reason)."""
        return " ".join(self.tokens)

    @property
    def proper_keys(self) -> tuple[str, ...]:
        return tuple(k for k, r in zip(self.keys, self.roles) if r in ("proper", "name"))

    def variants(self) -> tuple[tuple[str, ...], ...]:
        """Token sequences as split and as joined at hyphens: ('yong','chol') and ('yongchol',)."""
        if self.joined and self.joined != self.tokens:
            return (self.tokens, self.joined)
        return (self.tokens,)


def _squeeze(text: str) -> str:
    """Collapse doubled letters (kk → k): spacing moves syllable edges, doubling follows them."""
    return "".join(letter for letter, _run in groupby(text))


def _strip_legal_forms(words: list[str]) -> tuple[list[str], str | None, str | None]:
    found: list[tuple[str, str]] = []
    changed = True
    while changed and words:
        changed = False
        for size in range(min(_LEGAL_MAX, len(words) - 1), 0, -1):
            phrase = tuple(words[-size:])
            form = LEGAL_FORMS.get(phrase)
            if form is not None:
                found.append((form, " ".join(phrase)))
                words = words[:-size]
                changed = True
                break
        if not changed and len(words) > 1:
            for size in range(min(_LEGAL_MAX, len(words) - 1), 0, -1):
                phrase = tuple(words[:size])
                if phrase in _LEADING_FORMS or (size > 1 and LEGAL_FORMS.get(phrase) in ("LLC", "JSC")):
                    found.append((LEGAL_FORMS[phrase], " ".join(phrase)))
                    words = words[size:]
                    changed = True
                    break
    if not found:
        return words, None, None
    form = max(found, key=lambda f: _FORM_RANK.get(f[0], 0))
    return words, form[0], " ".join(text for _, text in reversed(found))


_MARKER = re.compile(r"@(JSC|LTD|LLC|CORP|CO)\b", re.IGNORECASE)
_ACRONYM_TAIL = re.compile(r"^(.*\S)\s*\(\s*([A-Za-z]{2,6})\s*\)\s*$")


def _split_acronym(text: str) -> tuple[str, str | None]:
    """'DAEDONG CREDIT BANK (DCB)' → ('DAEDONG CREDIT BANK', 'DCB') when the letters are the
    initials (in order, words may be skipped) of the words before it; otherwise unchanged."""
    match = _ACRONYM_TAIL.match(text)
    if not match:
        return text, None
    head, letters = match.group(1), match.group(2).lower()
    initials = "".join(w[0] for w in fold(head).split() if w)
    it = iter(initials)
    if letters[0] == initials[:1] and all(ch in it for ch in letters):
        return head, letters
    return text, None


def normalise(name: str, kind: str = "entity") -> NormalName:
    """The comparable form of one written name; ``kind`` is the party type (individual, entity,
    vessel, aircraft; anything else is treated as an organisation-like name)."""
    return _normalise(name or "", (kind or "entity").lower())


@lru_cache(maxsize=400_000)
def _normalise(name: str, kind: str) -> NormalName:
    person = kind in PERSON_KINDS
    is_org = not person and kind not in ("vessel", "aircraft")
    text = name.strip()
    acronym = None
    if is_org:
        text, acronym = _split_acronym(text)
    latin, scripts, from_hangul = _transliterate(text, is_org)

    # Surname known from "SURNAME, Given" (persons only, one comma).
    surname_part = None
    if person and latin.count(",") == 1:
        left, right = latin.split(",")
        if fold(left) and fold(right):
            surname_part = fold(left)
            latin = f"{left} {right}"

    legal_markers = [m.upper() for m in _MARKER.findall(latin)]
    latin = _MARKER.sub(" ", latin)
    folded = fold(latin)
    # Hyphens: split, and remember the joined words ("yong-chol" → yong chol / yongchol).
    raw_words = folded.split()
    words: list[str] = []
    joined: list[str] = []
    hyphen_words: list[list[str]] = []
    for raw in raw_words:
        pieces = [p for p in raw.split("-") if p]
        if not pieces:
            continue
        words.extend(pieces)
        joined.append("".join(pieces))
        hyphen_words.append(pieces)

    legal_form = legal_text = None
    if is_org:
        # Undo hyphen grouping for legal-form detection: forms are plain words.
        words, legal_form, legal_text = _strip_legal_forms(words)
        for marker in legal_markers:
            if legal_form is None or _FORM_RANK.get(marker, 0) > _FORM_RANK.get(legal_form, 0):
                legal_form = marker
            legal_text = " ".join(t for t in (legal_text, {"CO": "company"}.get(marker, marker.lower())) if t)
        if not words:  # a name that is nothing but a legal form stays itself
            words = fold(latin).replace("-", " ").split()

    keys: list[str] = []
    roles: list[str] = []
    groups: list[tuple[int, int]] = []
    tokens: list[str] = []
    surname_groups = 0
    if person:
        source = hyphen_words if hyphen_words else [[w] for w in words]
        # A person's name is read as Korean only when every word of it reads as Korean syllables:
        # "Mikhail" alone would parse (mi-khail), but "Pisklin" next to it does not.
        readings = [[korean_syllables(piece, hangul=from_hangul) for piece in pieces] for pieces in source]
        korean = bool(source) and all(r is not None for rs in readings for r in rs)
        surname_words = surname_part.replace("-", " ").split() if surname_part else []
        seen_words = 0
        for pieces, reading in zip(source, readings):
            start = len(keys)
            for piece, syllables in zip(pieces, reading):
                tokens.append(piece)
                if korean:
                    keys.extend(syllables)
                else:
                    keys.append(_person_key(piece))
            roles.extend(["name"] * (len(keys) - len(roles)))
            groups.append((start, len(keys)))
            seen_words += len(pieces)
            if surname_words and seen_words == len(surname_words):
                surname_groups = len(groups)
        if from_hangul and len(groups) == 1 and len(keys) >= 2:
            # A Hangul name is written as one word, surname first: split off the surname syllable.
            groups = [(0, 1), (1, len(keys))]
            surname_groups = 1
    else:
        words = _fold_phrases(words)
        classified: list[tuple[str, str]] = []
        for index, word in enumerate(words):
            word = GEO_SYNONYMS.get(word, word)
            word = _DESCRIPTOR_SYNONYMS.get(word, word)
            for part in word.split():
                tokens.append(part)
                if part in STOPWORDS and len(words) > 1:
                    continue
                if part in ("no", "nr", "number") and index + 1 < len(words) and words[index + 1].isdigit():
                    continue  # "Office No. 39" is "Office 39"
                if part in GEO:
                    classified.append(("geo", part))
                elif part in DESCRIPTORS:
                    classified.append(("descriptor", part))
                else:
                    classified.append(("proper", part))
        # Korean keys only when every proper word reads as Korean: "Dandong Hong Xiang" keeps
        # "hong" as it is, so that it still meets "Hongxiang".
        readings = {
            part: korean_syllables(part, hangul=from_hangul) if is_org and not part.isdigit() else None
            for role, part in classified
            if role == "proper"
        }
        proper_words = [p for p in readings if not p.isdigit()]
        korean = bool(proper_words) and all(readings[p] is not None for p in proper_words)
        for role, part in classified:
            key = part
            if role == "proper" and korean and readings.get(part):
                key = _squeeze("".join(readings[part]))
            start = len(keys)
            keys.append(key)
            roles.append(role)
            groups.append((start, start + 1))

    proper = [k for k, r in zip(keys, roles) if r in ("proper", "name")]
    spans = [keys[a:b] for a, b in groups]
    # A person's name in each rotation of its words, keys joined without spaces so that "Su-Kwang"
    # (su-kwank) meets "Sukwang" (cut suk-wank); not squeezed, so KIM + MYONG never reads KIMYONG.
    rotations = tuple(
        dict.fromkeys(
            "".join(k for span in spans[shift:] + spans[:shift] for k in span) for shift in range(len(spans))
        )
    ) if person else (_squeeze("".join(keys)),)
    return NormalName(
        original=name,
        kind=kind,
        tokens=tuple(tokens),
        keys=tuple(keys),
        roles=tuple(roles),
        groups=tuple(groups),
        legal_form=legal_form,
        legal_form_text=legal_text,
        scripts=scripts,
        korean=bool(keys) and korean,
        surname=surname_groups,
        joined=tuple(joined) if person else tuple(tokens),
        acronym=acronym,
        compact=_squeeze("".join(keys)),
        sorted_key=" ".join(sorted(keys)),
        rotations=rotations,
        proper_compact=_squeeze("".join(proper)),
        proper_sorted=_squeeze("".join(sorted(proper))),
        descriptors=frozenset(k for k, r in zip(keys, roles) if r == "descriptor"),
        geo=frozenset(k for k, r in zip(keys, roles) if r == "geo"),
        numbers=frozenset(k for k in keys if k.isdigit()),
    )


# Light folding for non-Korean personal names (Russian and Western spellings of one name):
# Yuriy/Yuri, Andrey/Andrei, Sergeyevich/Sergeevich, Mikhail/Mihail.
_PERSON_RULES = (
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),
    (re.compile(r"iy$|yy$|ii$|ij$"), "i"),
    (re.compile(r"ey$|ei$"), "ei"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ye"), "e"),
    (re.compile(r"ks"), "x"),
)


# Multi-word names of places folded to one geo word before words are classified.
_PHRASES = (
    (("democratic", "peoples", "republic", "of", "korea"), "korea"),
    (("democratic", "people", "republic", "of", "korea"), "korea"),
    (("north", "korea"), "korea"),
    (("hong", "kong"), "hongkong"),
    (("peoples", "republic", "of", "china"), "china"),
    (("russian", "federation"), "russia"),
)


def _fold_phrases(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, replacement in _PHRASES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                out.append(replacement)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _person_key(word: str) -> str:
    for pattern, replacement in _PERSON_RULES:
        word = pattern.sub(replacement, word)
    return _squeeze(word)

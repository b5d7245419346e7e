"""Where every dose and rule comes from: the seed articles and the guideline references."""

import re

SEEDS: dict[str, str] = {
    "000_f99d85ccd3986074.txt": "S000 - physical-therapy clinic, five exercises for runners",
    "001_69012fdd480ec1fe.txt": "S001 - online running coaches, hollow hold and hip drill",
    "002_b171ee446bc31386.txt": "S002 - running blog, seven back pain exercises",
    "003_258de63b44b222a3.txt": "S003 - Train for a 5K, why runners get low back pain",
    "004_e85cdf09e9746a65.txt": "S004 - Baleaf guest post, preventing back injuries",
}

REFERENCES: dict[str, str] = {
    "NG59": "NICE NG59, Low back pain and sciatica in over 16s (2016, updated 2020)",
    "NG65": "NICE NG65, Spondyloarthritis in over 16s",
    "QS170": "NICE QS170, spondyloarthritis: specialist physiotherapy",
    "ACP": "Chou R et al., ACP/APS low back pain guideline (2007)",
    "ACSM09": "ACSM position stand, progression models in resistance training (2009)",
    "BIG3-AWAKN": "McGill 'big three' practice summary (Awakn)",
    "BIG3-MPF": "McGill 'big three' practice protocol (Mountain Peak Fitness)",
    "MCGILL99": "McGill SM et al., trunk endurance norms (1999)",
    "SILB": "Silbernagel KG et al., pain-monitoring model, Am J Sports Med 2007",
    "CENTRAL": "Long A et al., centralisation and directional preference",
    "MSKASSIST": "MSK Assist GP triage, spinal menu",
    "OWEN": "Owen PJ et al., network meta-analysis of exercise for chronic LBP",
    "HAYDEN": "Hayden JA et al., Cochrane review of exercise for chronic LBP (2021)",
    "HEID": "Heiderscheit BC et al., step rate manipulation, Med Sci Sports Exerc 2011",
    "CKS-SCI": "NICE CKS (archived), sciatica: interpreting red flags",
    "ENDUR-NORMS": "Trunk endurance norms (Anderson 2014, Evans 2007) summary",
    "ASAS": "Sieper J et al., ASAS expert criteria for inflammatory back pain (2009)",
    "BERLIN": "Rudwaleit M et al., Berlin criteria for inflammatory back pain (2006)",
    "GCARE": "NHS Gloucestershire G-Care, red flags for spinal conditions",
    "CORNWALL": "Cornwall referral guidelines, adult low back pain (BASS 2018 CES set)",
    "LOTHIAN": "NHS Lothian, lumbar spine red flags",
    "COMMUNITY-RF": "Community red flags for low back and radicular pain (2023)",
    "PATHWAY-SLIDE": "Acute back pain pathway, red flags and responses",
    "HEYNEURO": "Hull and East Yorkshire neurosurgery, cauda equina syndrome",
    "IFOMPT": "Finucane LM et al., IFOMPT framework for serious spinal pathology (2020)",
    "DOWNIE": "Downie A et al., red flags for fracture and malignancy, BMJ 2013",
    "VERHAGEN": "Verhagen AP et al., red flags in low back pain guidelines",
    "HASWELL": "Haswell K et al., neurogenic claudication and spinal stenosis",
    "CG88": "NICE CG88 (2009, superseded), persistent low back pain",
    "NG156": "NICE NG156, abdominal aortic aneurysm: diagnosis and management (2020)",
    "app-policy": "backstride's own conservative choice, not taken from a guideline",
}

_SECTION = re.compile(r"DOMAIN\.md \d+(\.\d+)*")


def is_known_source(source: str) -> bool:
    """Say whether one source tag names a seed file, a reference key or a DOMAIN.md section."""
    return source in SEEDS or source in REFERENCES or _SECTION.fullmatch(source) is not None


def is_seed(source: str) -> bool:
    """Say whether a source tag is one of the five seed articles."""
    return source in SEEDS


def describe_source(source: str) -> str:
    """Give a short human description of a source tag."""
    if source in SEEDS:
        return f"{source} ({SEEDS[source]})"
    if source in REFERENCES:
        return f"[{source}] {REFERENCES[source]}"
    return source

"""Compose one synthetic case study as plain data, deterministically from (seed, number)."""

import datetime
import functools
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from bench.synthetic import vocabulary as vocab
from bench.synthetic.pools import Pools
from projets import choices

REFERENCE_PREFIX = "SYN-"
OTHER_ROLES = [choices.PartnerRole.FUNDER, choices.PartnerRole.SUPPORT, choices.PartnerRole.ASSOCIATED]
TITLE_SUFFIX = " — cas synthétique n° {n}"


@functools.cache
def values(choice_class) -> list:
    """The values of a TextChoices class (Django recomputes `.values` on every access: slow in a hot loop)."""
    return list(choice_class.values)


def reference_for(seed: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}{seed}-{number:06d}"


@dataclass
class Case:
    number: int
    title: str
    slug: str
    reference: str
    summary: str
    body: list
    translation_key: uuid.UUID
    published_at: datetime.datetime
    fields: dict
    partners: list = field(default_factory=list)  # (organisation_id, role, contribution)
    funding: list = field(default_factory=list)  # dicts of FundingLine fields
    contracts: list = field(default_factory=list)  # (dict of Contract fields, [party ids])
    lessons: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    territories: list = field(default_factory=list)


def _sentence(rng: random.Random, subject: str) -> str:
    template = rng.choice(vocab.SENTENCES)
    return template.format(
        s=subject,
        p=rng.choice(vocab.PUBLICS),
        l=rng.choice(vocab.PLACES),
        m=rng.choice(vocab.METHODS),
        m2=rng.choice(vocab.METHODS),
        o=rng.choice(vocab.OUTCOMES),
        v=rng.choice(vocab.VERBS),
    )


def _block_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _body(rng: random.Random, subject: str) -> list:
    blocks = []
    for heading in rng.sample(vocab.HEADINGS, rng.randint(3, 5)):
        blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}, "id": _block_id(rng)})
        sentences = " ".join(_sentence(rng, subject) for _ in range(rng.randint(4, 6)))
        blocks.append({"type": "paragraph", "value": f"<p>{sentences}</p>", "id": _block_id(rng)})
    return blocks


def _partners(rng: random.Random, pools: Pools) -> list:
    count = rng.randint(2, 20)
    chosen = [rng.choice(pools.associations), rng.choice(pools.research)]
    others = [pk for pk, _kind in rng.sample(pools.organisations, min(count + 2, len(pools.organisations)))]
    chosen += [pk for pk in others if pk not in chosen]
    chosen = chosen[:count]
    kinds = dict(pools.organisations)
    rows = []
    for position, pk in enumerate(chosen):
        kind = kinds[pk]
        if position == 0:
            role = choices.PartnerRole.LEAD
        elif kind in choices.RESEARCH_KINDS:
            role = choices.PartnerRole.RESEARCH
        elif kind in choices.ASSOCIATIVE_KINDS:
            role = choices.PartnerRole.ASSOCIATION
        else:
            role = rng.choice(OTHER_ROLES)
        rows.append((pk, role, rng.choice(values(choices.Contribution))))
    return rows


def _funding(rng: random.Random, pools: Pools, start: int, end: int) -> list:
    return [
        {
            "funder_id": rng.choice(pools.funders) if pools.funders and rng.random() < 0.7 else None,
            "programme": rng.choice(vocab.PROGRAMMES),
            "kind": rng.choice(values(choices.FundingKind)),
            "amount": Decimal(rng.randrange(2_000, 400_000, 500)) if rng.random() < 0.8 else None,
            "year_from": start,
            "year_to": end,
        }
        for _ in range(rng.randint(1, 5))
    ]


def _contracts(rng: random.Random, partners: list, start: int) -> list:
    contracts = []
    for _ in range(rng.randint(0, 3)):
        fields = {
            "kind": rng.choice(values(choices.ContractKind)),
            "title": "",
            "signed_on": datetime.date(start, rng.randint(1, 12), rng.randint(1, 28)),
            "duration_months": rng.choice([6, 12, 18, 24, 36]),
            "intellectual_property": rng.choice(values(choices.IntellectualProperty)),
            "publication": rng.choice(values(choices.Publication)),
            "data": rng.choice(values(choices.DataClause)),
            "compensation": rng.choice(values(choices.Compensation)),
            "governance": rng.choice(values(choices.Governance)),
            "what_worked": rng.choice(vocab.CONTRACT_NOTES),
            "what_to_change": rng.choice(vocab.CONTRACT_NOTES),
            "visibility": choices.Visibility.PUBLIC,
        }
        if fields["publication"] == choices.Publication.PRIOR_REVIEW:
            fields["publication_review_days"] = rng.choice([15, 30, 60])
        parties = [pk for pk, _role, _contribution in rng.sample(partners, 2)]
        contracts.append((fields, parties))
    return contracts


def compose_case(seed: int, number: int, pools: Pools) -> Case:
    rng = random.Random(f"{seed}:{number}")  # noqa: S311 - reproducible test data, not security
    subject = rng.choice(vocab.SUBJECTS)
    title = rng.choice(vocab.TITLE_PATTERNS).format(
        s=subject, S=subject[0].upper() + subject[1:], p=rng.choice(vocab.PUBLICS), l=rng.choice(vocab.PLACES)
    )
    title += TITLE_SUFFIX.format(n=number)
    start = rng.randint(2008, 2025)
    end = min(start + rng.randint(1, 4), 2028)
    status = choices.Status.FINISHED if end < 2025 else rng.choice([choices.Status.ONGOING, choices.Status.FINISHED])
    summary = _sentence(rng, subject)
    if len(summary) > 300:
        summary = summary[:297] + "…"
    partners = _partners(rng, pools)
    published = datetime.datetime(2019, 4, 26, tzinfo=datetime.UTC) + datetime.timedelta(
        minutes=rng.randint(0, 6 * 365 * 24 * 60)
    )
    case = Case(
        number=number,
        title=title,
        slug=f"{slugify(title.split(' — ')[0])[:80].strip('-')}-syn-{seed}-{number}",
        reference=reference_for(seed, number),
        summary=summary,
        body=_body(rng, subject),
        translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
        published_at=published,
        fields={
            "start_year": start,
            "start_month": rng.choice([None, rng.randint(1, 12)]),
            "end_year": end if status == choices.Status.FINISHED else None,
            "status": status,
            "scale": rng.choice(values(choices.Scale)),
            "cooperation_format": rng.choice(values(choices.CooperationFormat)),
        },
        partners=partners,
        funding=_funding(rng, pools, start, end),
        contracts=_contracts(rng, partners, start),
        themes=rng.sample(pools.themes, min(rng.randint(1, 3), len(pools.themes))),
        territories=rng.sample(pools.territories, rng.randint(1, 2)),
    )
    case.lessons = [
        {
            "kind": rng.choice(values(choices.LessonKind)),
            "category": rng.choice(values(choices.LessonCategory)),
            "text": rng.choice(vocab.LESSONS),
        }
        for _ in range(rng.randint(1, 4))
    ]
    case.outputs = [
        {"kind": rng.choice(values(choices.OutputKind)), "title": rng.choice(vocab.OUTCOMES).capitalize(), "year": end}
        for _ in range(rng.randint(1, 3))
    ]
    return case

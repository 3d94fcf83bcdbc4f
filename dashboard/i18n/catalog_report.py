"""Catalog part: what the deliverables of issue 15 write around a structure's content (chart
images, the PDF report, the slides, the batch of reports). Keys are `report.*`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    "report.title": {"fr": "Rapport de benchmark", "en": "Benchmark report"},
    "report.source_line": {
        "fr": "{title}, édition {edition}, {when}, version {version}",
        "en": "{title}, {edition} edition, {when}, version {version}",
    },
    "report.source_imported": {
        "fr": "données importées le {date}",
        "en": "data imported on {date}",
    },
    "report.source_demo": {
        "fr": "données de démonstration (fictives)",
        "en": "demo data (synthetic)",
    },
    "report.document_title": {
        "fr": "{structure} — rapport {edition}",
        "en": "{structure} — {edition} report",
    },
    "report.edition": {"fr": "Édition {edition}", "en": "Edition {edition}"},
    "report.peer_group": {"fr": "Groupe de pairs", "en": "Peer group"},
    "report.fact": {"fr": "{label} : {value}", "en": "{label}: {value}"},
    "report.group_size": {"fr": "Taille du groupe (N)", "en": "Group size (N)"},
    "report.generated": {
        "fr": "Généré le {date} à {time}",
        "en": "Generated on {date} at {time}",
    },
    "report.headline": {"fr": "En bref", "en": "At a glance"},
    "report.contents": {"fr": "Sommaire", "en": "Contents"},
    "report.method": {"fr": "Méthode et définitions", "en": "Method and definitions"},
    "report.page": {"fr": "Page", "en": "Page"},
    "report.figures": {"fr": "Les chiffres", "en": "The figures"},
    "report.demo": {
        "fr": "Données de démonstration : ces chiffres sont fictifs.",
        "en": "Demo data: these figures are synthetic.",
    },
    # Drawn into a chart image under its title: what the chart is about.
    "report.image_context": {
        "fr": "{structure} · édition {edition} · pairs : {peers} (N = {n})",
        "en": "{structure} · edition {edition} · peers: {peers} (N = {n})",
    },
    "report.continued": {"fr": "{title} (suite)", "en": "{title} (continued)"},
    "report.batch.failures": {
        "fr": "Rapports qui n'ont pas pu être produits",
        "en": "Reports that could not be made",
    },
    "report.batch.failure_line": {
        "fr": "{structure} : {error}",
        "en": "{structure}: {error}",
    },
}

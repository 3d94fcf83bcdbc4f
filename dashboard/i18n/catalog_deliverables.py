"""Catalog part: what the app says around a consultant's take-aways (issue 15): the chart
image buttons, the report and presentation links of « Ma structure », the report page's
toolbar, the presentation mode, the batch of reports. Keys are `deliverables.*` (the texts
inside the deliverables themselves are `report.*`, catalog_report.py)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    # Chart images.
    "deliverables.image_png": {"fr": "Image PNG", "en": "PNG image"},
    "deliverables.image_svg": {"fr": "Image SVG", "en": "SVG image"},
    "deliverables.image_label": {
        "fr": "Enregistrer « {title} » en image {fmt}",
        "en": "Save “{title}” as a {fmt} image",
    },
    "deliverables.image_busy": {"fr": "Préparation de l'image…", "en": "Preparing the image…"},
    "deliverables.image_failed": {
        "fr": "L'image n'a pas pu être préparée : {reason}",
        "en": "The image could not be prepared: {reason}",
    },
    "deliverables.image_context": {
        "fr": "{structure} · {peers}",
        "en": "{structure} · {peers}",
    },
    "deliverables.compare_context": {"fr": "Comparaison : {names}", "en": "Comparison: {names}"},
    "deliverables.no_structure": {
        "fr": "Aucune structure choisie, ou cette structure n'a pas été auditée cette édition-là.",
        "en": "No structure chosen, or this structure was not audited in that edition.",
    },
    "deliverables.no_comparison": {
        "fr": "Choisissez au moins une structure à comparer.",
        "en": "Choose at least one structure to compare.",
    },
    "deliverables.render_failed": {
        "fr": "Le graphique n'a pas pu être dessiné sur le serveur. Réessayez dans un instant.",
        "en": "The chart could not be drawn on the server. Try again in a moment.",
    },
    "deliverables.error_title": {"fr": "Rien à montrer ici", "en": "Nothing to show here"},
    "deliverables.back_to_page": {
        "fr": "Retour à « Ma structure »",
        "en": "Back to “My structure”",
    },
    # « Ma structure »'s take-aways.
    "deliverables.takeaway_title": {"fr": "Emporter les résultats", "en": "Take the results away"},
    "deliverables.takeaway_hint": {
        "fr": "Pour la structure, l'édition et le groupe de pairs choisis ci-contre.",
        "en": "For the structure, edition and peer group chosen here.",
    },
    "deliverables.report_page": {
        "fr": "Rapport (page imprimable)",
        "en": "Report (printable page)",
    },
    "deliverables.report_pdf": {"fr": "Rapport PDF", "en": "PDF report"},
    "deliverables.report_pptx": {"fr": "PowerPoint", "en": "PowerPoint"},
    "deliverables.presentation": {
        "fr": "Présentation plein écran",
        "en": "Full-screen presentation",
    },
    # The report page's toolbar (screen only, not printed).
    "deliverables.report_toolbar": {"fr": "Ce rapport", "en": "This report"},
    "deliverables.print": {"fr": "Imprimer", "en": "Print"},
    # Presentation mode.
    "deliverables.slide.overview_kicker": {
        "fr": "Vue d'ensemble de la catégorie · édition {edition}",
        "en": "The category at a glance · {edition} edition",
    },
    "deliverables.slide.count": {"fr": "{n} / {total}", "en": "{n} / {total}"},
    "deliverables.slide.live": {
        "fr": "Diapositive {n} sur {total} : {title}",
        "en": "Slide {n} of {total}: {title}",
    },
    "deliverables.slide.document_title": {
        "fr": "Présentation — {structure}",
        "en": "Presentation — {structure}",
    },
    "deliverables.slide.back": {"fr": "Quitter (Échap)", "en": "Leave (Esc)"},
    "deliverables.slide.prev": {"fr": "‹ Précédente", "en": "‹ Previous"},
    "deliverables.slide.next": {"fr": "Suivante ›", "en": "Next ›"},
    "deliverables.slide.help": {
        "fr": "Flèches, Espace, Page précédente et Page suivante : changer de diapositive ; "
        "Début, Fin : la première, la dernière ; Échap : revenir à la page ; F : plein écran.",
        "en": "Arrows, Space, Page Up and Page Down: change slides; Home, End: the first, the "
        "last; Escape: back to the page; F: full screen.",
    },
}

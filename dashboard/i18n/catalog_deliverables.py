"""Catalog part: what the app says around a consultant's take-aways (issue 15): the chart
image buttons, the report and presentation links of « Ma structure », the report page's
toolbar, the presentation mode, the batch of reports. Keys are `deliverables.*` (the texts
inside the deliverables themselves are `report.*`, catalog_report.py)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    # The source line of a « Territoires » chart image: public figures, not the barometer's.
    "deliverables.public_source_line": {
        "fr": "{indicator}, {period}. Source : {source}, importé le {date}",
        "en": "{indicator}, {period}. Source: {source}, imported on {date}",
    },
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
    "deliverables.download_busy": {
        "fr": "Préparation du fichier {format}… quelques secondes.",
        "en": "Preparing the {format} file… a few seconds.",
    },
    "deliverables.download_failed": {
        "fr": "Le fichier n'a pas pu être préparé : {reason}",
        "en": "The file could not be prepared: {reason}",
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
    # The batch of reports of an edition (the CLI's `reports` and the app's background job).
    "deliverables.count.reports": {
        "fr": {"one": "{n} rapport", "other": "{n} rapports"},
        "en": {"one": "{n} report", "other": "{n} reports"},
    },
    "deliverables.count.failures": {
        "fr": {"one": "{n} échec", "other": "{n} échecs"},
        "en": {"one": "{n} failure", "other": "{n} failures"},
    },
    "deliverables.progress_done": {"fr": "{done} / {total}", "en": "{done} / {total}"},
    "deliverables.time_left": {"fr": "environ {time} restantes", "en": "about {time} left"},
    "deliverables.duration_s": {"fr": "{s} s", "en": "{s} s"},
    "deliverables.duration_min": {"fr": "{m} min {s} s", "en": "{m} min {s} s"},
    "deliverables.duration_h": {"fr": "{h} h {m} min", "en": "{h} h {m} min"},
    "deliverables.cli.help": {
        "fr": "produire le rapport de chaque structure auditée d'une édition, dans un zip",
        "en": "make the report of every structure audited in an edition, into one zip",
    },
    "deliverables.cli.help_edition": {"fr": "l'édition (année)", "en": "the edition (year)"},
    "deliverables.cli.help_category": {
        "fr": "seulement cette catégorie (répétable) ; toutes par défaut",
        "en": "only this category (may be repeated); all by default",
    },
    "deliverables.cli.help_format": {
        "fr": "formats, séparés par des virgules : pdf, pptx (pdf par défaut)",
        "en": "formats, comma-separated: pdf, pptx (pdf by default)",
    },
    "deliverables.cli.help_workers": {
        "fr": "processus de rendu en parallèle (2 par défaut)",
        "en": "rendering processes at once (2 by default)",
    },
    "deliverables.cli.zip_name": {"fr": "rapports", "en": "reports"},
    "deliverables.cli.no_edition": {
        "fr": "L'édition {edition} n'est pas dans les données (éditions : {editions}).",
        "en": "Edition {edition} is not in the data (editions: {editions}).",
    },
    "deliverables.cli.no_structure": {
        "fr": "Aucune structure auditée en {edition} pour ces catégories.",
        "en": "No structure audited in {edition} for these categories.",
    },
    "deliverables.cli.written": {
        "fr": "{reports} écrits dans {path}",
        "en": "{reports} written to {path}",
    },
    "deliverables.cli.failed": {
        "fr": {
            "one": "{n} rapport n'a pas pu être produit (la liste est aussi dans le zip).",
            "other": "{n} rapports n'ont pas pu être produits (la liste est aussi dans le zip).",
        },
        "en": {
            "one": "{n} report could not be made (the list is in the zip too).",
            "other": "{n} reports could not be made (the list is in the zip too).",
        },
    },
    "deliverables.count.files": {
        "fr": {"one": "{n} fichier", "other": "{n} fichiers"},
        "en": {"one": "{n} file", "other": "{n} files"},
    },
    "deliverables.batch.title": {
        "fr": "Les rapports de toutes les structures d'une édition",
        "en": "The reports of every structure of an edition",
    },
    "deliverables.batch.hint": {
        "fr": "Un rapport PDF par structure auditée (et un PowerPoint si vous le cochez), "
        "dans un zip à télécharger. Les rapports sont anonymes : chaque structure n'y voit que "
        "ses propres chiffres, ses pairs sont numérotés. La production continue si vous "
        "quittez cette page : elle figure ensuite dans la liste ci-dessous (rechargez la "
        "page), avec son lien une fois finie.",
        "en": "One PDF report per audited structure (and a PowerPoint if you tick it), in a zip "
        "to download. The reports are anonymous: each structure sees only its own figures, its "
        "peers are numbered. The work goes on if you leave this page: it is then in the list "
        "below (reload the page), with its link once over.",
    },
    "deliverables.batch.category": {"fr": "Catégorie", "en": "Category"},
    "deliverables.batch.recent_title": {
        "fr": "Productions des dernières 24 heures",
        "en": "Batches of the last 24 hours",
    },
    "deliverables.batch.recent_running": {
        "fr": "{name} : en cours, {done} / {total} (lancée à {time})",
        "en": "{name}: under way, {done} / {total} (started at {time})",
    },
    "deliverables.batch.recent_finished": {
        "fr": "{name} : terminée, {done} / {total} (lancée à {time})",
        "en": "{name}: done, {done} / {total} (started at {time})",
    },
    "deliverables.batch.recent_cancelled": {
        "fr": "{name} : arrêtée à {done} / {total} (lancée à {time})",
        "en": "{name}: stopped at {done} / {total} (started at {time})",
    },
    "deliverables.batch.recent_interrupted": {
        "fr": "{name} : interrompue à {done} / {total} (lancée à {time}) ; relancez-la",
        "en": "{name}: interrupted at {done} / {total} (started at {time}); start it again",
    },
    "deliverables.batch.recent_download": {"fr": "Télécharger", "en": "Download"},
    "deliverables.batch.busy": {
        "fr": "Une production de rapports est déjà en cours (voir la liste ci-dessous) : "
        "attendez qu'elle finisse pour en lancer une autre.",
        "en": "A batch of reports is already under way (see the list below): wait for it to "
        "end before starting another.",
    },
    "deliverables.batch.all_categories": {"fr": "Toutes les catégories", "en": "All categories"},
    "deliverables.batch.formats": {"fr": "Formats", "en": "Formats"},
    "deliverables.batch.pdf": {"fr": "PDF", "en": "PDF"},
    "deliverables.batch.start": {"fr": "Produire les rapports", "en": "Make the reports"},
    "deliverables.batch.cancel": {"fr": "Arrêter", "en": "Stop"},
    "deliverables.batch.progress": {"fr": "Avancement", "en": "Progress"},
    "deliverables.batch.cancelling": {
        "fr": "Arrêt demandé : les rapports en cours s'achèvent, puis le zip est prêt.",
        "en": "Stop asked: the reports under way are finished, then the zip is ready.",
    },
    "deliverables.batch.done": {
        "fr": "Terminé : {files} dans le zip.",
        "en": "Done: {files} in the zip.",
    },
    "deliverables.batch.cancelled": {
        "fr": "Arrêté : {files} dans le zip (les rapports finis avant l'arrêt).",
        "en": "Stopped: {files} in the zip (the reports finished before the stop).",
    },
    "deliverables.batch.download": {"fr": "Télécharger {name}", "en": "Download {name}"},
    "deliverables.batch.failures": {
        "fr": {
            "one": "{n} rapport n'a pas pu être produit (les autres sont dans le zip) :",
            "other": "{n} rapports n'ont pas pu être produits (les autres sont dans le zip) :",
        },
        "en": {
            "one": "{n} report could not be made (the others are in the zip):",
            "other": "{n} reports could not be made (the others are in the zip):",
        },
    },
    "deliverables.batch.refused": {
        "fr": "Les rapports de toute une édition sont réservés au mode consultant.",
        "en": "The reports of a whole edition are for consultant mode only.",
    },
    "deliverables.batch.bad_choice": {
        "fr": "Choisissez une édition des données, puis recommencez.",
        "en": "Choose an edition of the data, then start again.",
    },
    "deliverables.batch.no_format": {
        "fr": "Cochez au moins un format.",
        "en": "Tick at least one format.",
    },
    "deliverables.batch.nothing": {
        "fr": "Aucune structure auditée pour cette édition et cette catégorie.",
        "en": "No structure audited for this edition and category.",
    },
}

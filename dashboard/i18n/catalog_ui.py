"""Catalog part: text of the web app (pages, charts, tables). Keys are `ui.*`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    "ui.app.title": {"fr": "Baromètre de l'accueil", "en": "Reception barometer"},
    # Category labels for one line of a phone-wide chart (the full ones: category.*).
    "category_short.city_50k_plus": {
        "fr": "Villes de plus de 50 000 hab.",
        "en": "Cities over 50,000",
    },
    "category_short.city_20k_50k": {
        "fr": "Villes de 20 000 à 50 000 hab.",
        "en": "Cities of 20,000–50,000",
    },
    "category_short.intermunicipality": {"fr": "Intercommunalités", "en": "Intermunicipalities"},
    "category_short.department": {
        "fr": "Conseils départementaux",
        "en": "Departmental councils",
    },
    "category_short.region": {"fr": "Conseils régionaux", "en": "Regional councils"},
    "category_short.france_services": {
        "fr": "Maisons France Services",
        "en": "France Services centres",
    },
    "category_short.social_services": {
        "fr": "Services sociaux et de santé",
        "en": "Social and health services",
    },
    "category_short.economic_development": {
        "fr": "Aménagement et développement éco.",
        "en": "Planning and economic development",
    },
    "ui.nav.label": {"fr": "Navigation principale", "en": "Main navigation"},
    "ui.nav.menu": {"fr": "Menu", "en": "Menu"},
    "ui.nav.overview": {"fr": "Vue d'ensemble", "en": "Overview"},
    "ui.nav.benchmark": {"fr": "Ma structure", "en": "My structure"},
    "ui.nav.data": {"fr": "Données", "en": "Data"},
    "ui.nav.switch_language": {"fr": "English", "en": "Français"},
    "ui.nav.skip": {"fr": "Aller au contenu", "en": "Skip to content"},
    "ui.page.title": {
        "fr": "Baromètre de l'accueil des services publics",
        "en": "Public-service reception barometer",
    },
    "ui.demo.title": {"fr": "Données de démonstration.", "en": "Demo data."},
    "ui.demo.body": {
        "fr": "Ces chiffres sont fictifs, calibrés sur le baromètre publié en 2022 ; "
        "seuls les sept lauréats 2022 portent un vrai nom. Importez vos données pour les remplacer.",
        "en": "These figures are synthetic, calibrated on the barometer published in 2022; "
        "only the seven 2022 winners carry real names. Import your data to replace them.",
    },
    "ui.footer.text": {
        "fr": "Scores sur 100 ; moyennes de groupe : chaque structure compte une fois.",
        "en": "Scores out of 100; group means count each structure once.",
    },
    "ui.footer.territories": {
        "fr": "Indicateurs publics : valeurs et unités telles que la source les publie ; rang, "
        "quartiles et écarts parmi les territoires comparés.",
        "en": "Public indicators: values and units as the source publishes them; rank, "
        "quartiles and gaps among the territories compared.",
    },
    "ui.footer.definitions": {
        "fr": "Définitions des chiffres",
        "en": "Definitions of the figures",
    },
    "ui.nav.definitions": {"fr": "Définitions", "en": "Definitions"},
    "ui.definitions.title": {"fr": "Définitions des chiffres", "en": "Definitions of the figures"},
    "ui.definitions.intro": {
        "fr": "Comment chaque chiffre de l'application est calculé, à partir des fichiers importés.",
        "en": "How every figure of the app is computed from the imported files.",
    },
    "ui.notfound.title": {"fr": "Page introuvable", "en": "Page not found"},
    "ui.notfound.body": {
        "fr": "Cette adresse ne correspond à aucune page. Utilisez le menu ci-dessus.",
        "en": "This address matches no page. Use the menu above.",
    },
    "ui.benchmark.title": {"fr": "Ma structure", "en": "My structure"},
    # Overview.
    "ui.overview.title": {
        "fr": "Vue d'ensemble du baromètre",
        "en": "Barometer overview",
    },
    "ui.overview.subtitle": {
        "fr": "Édition {edition} : {structures}, {tests}. {scope}",
        "en": "{edition} edition: {structures}, {tests}. {scope}",
    },
    "ui.overview.scope_all": {
        "fr": "Toutes catégories, tous canaux, toute la France.",
        "en": "All categories, all channels, all of France.",
    },
    "ui.overview.scope": {
        "fr": "Filtres : {parts}.",
        "en": "Filters: {parts}.",
    },
    "ui.overview.scope_categories": {
        "fr": {"one": "{n} catégorie", "other": "{n} catégories"},
        "en": {"one": "{n} category", "other": "{n} categories"},
    },
    "ui.count.structures_audited": {
        "fr": {"one": "{n} structure auditée", "other": "{n} structures auditées"},
        "en": {"one": "{n} structure audited", "other": "{n} structures audited"},
    },
    "ui.cards.hidden": {
        "fr": {
            "one": "{n} indicateur d'un canal non sélectionné est masqué (canaux choisis : {channels}).",
            "other": "{n} indicateurs de canaux non sélectionnés sont masqués (canaux choisis : {channels}).",
        },
        "en": {
            "one": "{n} indicator of a channel not selected is hidden (channels chosen: {channels}).",
            "other": "{n} indicators of channels not selected are hidden (channels chosen: {channels}).",
        },
    },
    "ui.empty.channels_not_audited": {
        "fr": {
            "one": "Le canal « {names} » n'a pas été audité en {edition} : rien à afficher pour cette sélection.",
            "other": "Les canaux {names} n'ont pas été audités en {edition} : rien à afficher pour cette sélection.",
        },
        "en": {
            "one": "The “{names}” channel was not audited in {edition}: nothing to show for this selection.",
            "other": "The channels {names} were not audited in {edition}: nothing to show for this selection.",
        },
    },
    "ui.empty.categories_not_audited": {
        "fr": {
            "one": "Aucune structure de la catégorie « {names} » n'a été auditée en {edition}.",
            "other": "Aucune structure des catégories choisies ({names}) n'a été auditée en {edition}.",
        },
        "en": {
            "one": "No structure of the “{names}” category was audited in {edition}.",
            "other": "No structure of the chosen categories ({names}) was audited in {edition}.",
        },
    },
    "ui.empty.no_match": {
        "fr": "Aucune structure auditée en {edition} ne répond à tous ces filtres à la fois : retirez-en un.",
        "en": "No structure audited in {edition} meets all these filters at once: remove one.",
    },
    "ui.empty.no_match_ever": {
        "fr": "Aucune structure auditée, quelle que soit l'édition, ne répond à tous ces filtres à la fois : retirez-en un.",
        "en": "No structure audited in any edition meets all these filters at once: remove one.",
    },
    "ui.overview.scope_channels": {
        "fr": {"one": "canal : {names}", "other": "canaux : {names}"},
        "en": {"one": "channel: {names}", "other": "channels: {names}"},
    },
    "ui.overview.scope_category": {"fr": "catégorie : {name}", "en": "category: {name}"},
    # Between the parts of the scope line: French sets a narrow no-break space before ";".
    "ui.overview.scope_separator": {"fr": "\u202f; ", "en": "; "},
    "ui.overview.scope_region": {"fr": "région : {name}", "en": "region: {name}"},
    "ui.overview.weights": {
        "fr": "Score global : moyenne des canaux à poids égaux{restricted}.",
        "en": "Global score: mean of channels with equal weights{restricted}.",
    },
    "ui.overview.weights_restricted": {
        "fr": ", sur les canaux sélectionnés seulement",
        "en": ", over the selected channels only",
    },
    "ui.notice.not_audited": {
        "fr": "« {name} » n'a pas été auditée en {value} : voici son édition {shown}.",
        "en": "“{name}” was not audited in {value}: here is its {shown} edition.",
    },
    "ui.notice.edition_unknown": {
        "fr": "L'édition {value} n'est pas dans les données (éditions {first} à {last}) : voici l'édition {shown}.",
        "en": "The {value} edition is not in the data (editions {first} to {last}): here is the {shown} edition.",
    },
    "ui.notice.invalid": {
        "fr": "Le paramètre « {param} » de l'adresse a une valeur non reconnue ({value}) : "
        "la valeur par défaut est utilisée.",
        "en": "The address parameter “{param}” has an unrecognised value ({value}): "
        "the default is used instead.",
    },
    "ui.filters.title": {"fr": "Filtres", "en": "Filters"},
    # Dash 4 dropdowns' own texts (English by default in Dash).
    "ui.dropdown.select_all": {"fr": "Tout sélectionner", "en": "Select all"},
    "ui.dropdown.deselect_all": {"fr": "Tout désélectionner", "en": "Deselect all"},
    "ui.dropdown.selected_count": {
        "fr": "Sélection : {num_selected}",
        "en": "Selected: {num_selected}",
    },
    "ui.dropdown.search": {"fr": "Rechercher", "en": "Search"},
    "ui.dropdown.clear_search": {"fr": "Effacer la recherche", "en": "Clear search"},
    "ui.dropdown.clear_selection": {"fr": "Effacer la sélection", "en": "Clear selection"},
    "ui.dropdown.no_options_found": {"fr": "Aucun résultat", "en": "No options found"},
    "ui.filters.edition": {"fr": "Édition", "en": "Edition"},
    "ui.filters.categories": {"fr": "Catégories", "en": "Categories"},
    "ui.filters.channels": {"fr": "Canaux", "en": "Channels"},
    "ui.filters.region": {"fr": "Région", "en": "Region"},
    "ui.filters.all_regions": {"fr": "Toutes les régions", "en": "All regions"},
    "ui.filters.hint": {
        "fr": "Aucune case cochée = tout. L'adresse de la page garde vos filtres : "
        "copiez-la pour partager cette vue.",
        "en": "No box ticked = all. The page address keeps your filters: "
        "copy it to share this view.",
    },
    "ui.cards.title": {"fr": "Indicateurs clés", "en": "Headline indicators"},
    "ui.indicator.structures_audited": {"fr": "Structures auditées", "en": "Structures audited"},
    "ui.indicator.physical_mean_score": {
        "fr": "Score moyen de l'accueil physique",
        "en": "Mean in-person score",
    },
    "ui.indicator.phone_first_attempt_pct": {
        "fr": "Appels aboutis au premier essai",
        "en": "Calls completed at the first attempt",
    },
    "ui.indicator.phone_mean_rings": {
        "fr": "Sonneries avant décroché (moyenne ; moins, c'est mieux)",
        "en": "Rings before pick-up (mean; lower is better)",
    },
    "ui.indicator.email_within_10d_pct": {
        "fr": "Courriels répondus en moins de 10 jours",
        "en": "Emails answered within 10 days",
    },
    "ui.indicator.mail_within_15d_pct": {
        "fr": "Courriers répondus en moins de 15 jours",
        "en": "Letters answered within 15 days",
    },
    "ui.indicator.social_private_reply_pct": {
        "fr": "Réponses en message privé (réseaux sociaux)",
        "en": "Private-message replies (social networks)",
    },
    "ui.indicator.social_private_within_3d_pct": {
        "fr": "Réponses privées en moins de 3 jours",
        "en": "Private replies within 3 days",
    },
    "ui.indicator.website_online_procedures_pct": {
        "fr": "Sites avec démarches en ligne",
        "en": "Websites with online procedures",
    },
    "ui.indicator.website_digital_support_pct": {
        "fr": "Sites avec aide numérique (FAQ, tchat, tutoriel)",
        "en": "Websites with digital support (FAQ, chat, tutorial)",
    },
    "ui.basis.tests": {
        "fr": {"one": "sur {n} test", "other": "sur {n} tests"},
        "en": {"one": "from {n} test", "other": "from {n} tests"},
    },
    "ui.basis.structures": {
        "fr": {"one": "sur {n} structure", "other": "sur {n} structures"},
        "en": {"one": "from {n} structure", "other": "from {n} structures"},
    },
    "ui.basis.none": {
        "fr": "non mesuré dans cette sélection",
        "en": "not measured in this selection",
    },
    "ui.change.since": {"fr": "{change} depuis {edition}", "en": "{change} since {edition}"},
    "ui.change.none": {"fr": "pas de comparaison possible", "en": "no comparison available"},
    "ui.change.good": {"fr": "(évolution favorable)", "en": "(improvement)"},
    "ui.change.bad": {"fr": "(évolution défavorable)", "en": "(deterioration)"},
    "ui.change.flat": {"fr": "(stable)", "en": "(unchanged)"},
    "ui.unit.points": {"fr": "{value} pts", "en": "{value} pts"},
    "ui.unit.score": {"fr": "{value} / 100", "en": "{value} / 100"},
    "ui.heatmap.title": {
        "fr": "Score moyen par catégorie et par canal",
        "en": "Mean score by category and channel",
    },
    "ui.heatmap.description": {
        "fr": "Moyenne de groupe des scores de canal (chaque structure compte une fois), "
        "sur 100. Case vide : canal non testé pour cette catégorie.",
        "en": "Group mean of channel scores (each structure counts once), out of 100. "
        "Empty cell: channel not tested for that category.",
    },
    "ui.distribution.title": {
        "fr": "Répartition des scores globaux par catégorie",
        "en": "Distribution of global scores by category",
    },
    "ui.distribution.description": {
        "fr": "Chaque point est une structure (anonyme) ; la boîte va du premier au troisième "
        "quartile, le trait est la médiane.",
        "en": "Each dot is a structure (anonymous); the box spans the first to third quartile, "
        "the line is the median.",
    },
    "ui.trend.title": {
        "fr": "Évolution du score global moyen par catégorie",
        "en": "Mean global score by category over the editions",
    },
    "ui.trend.description": {
        "fr": "Moyenne de groupe du score global à chaque édition, ou la même série à périmètre "
        "constant ; la ligne pointillée épaisse marque l'édition sélectionnée, les fines un "
        "changement de méthode. Les structures auditées changent d'une édition à l'autre.",
        "en": "Group mean of the global score in each edition, or the same series like for like; "
        "the thick dotted line marks the selected edition, the thin ones a change of method. "
        "The structures audited change from one edition to the next.",
    },
    "ui.winners.title": {
        "fr": "Palmarès de l'édition : premier de chaque catégorie",
        "en": "The edition's winners: first in each category",
    },
    "ui.winners.description": {
        "fr": "Rang 1 sur le score global dans la catégorie (ex æquo tous listés).",
        "en": "Rank 1 on the global score within the category (ties all listed).",
    },
    "ui.chart.see_table": {"fr": "Voir sous forme de tableau", "en": "See as a table"},
    "ui.chart.download_image": {"fr": "Enregistrer l'image (PNG)", "en": "Save the image (PNG)"},
    "ui.chart.download_csv": {
        "fr": "Télécharger les données (CSV)",
        "en": "Download the data (CSV)",
    },
    "ui.chart.empty": {
        "fr": "Aucune donnée pour cette sélection.",
        "en": "No data for this selection.",
    },
    "ui.chart.heatmap_hover": {
        "fr": "%{y}<br>%{x} : %{z:.1f} / 100<br>Structures : %{customdata[0]} ; tests : %{customdata[1]}",
        "en": "%{y}<br>%{x}: %{z:.1f} / 100<br>Structures: %{customdata[0]}; tests: %{customdata[1]}",
    },
    "ui.chart.heatmap_scale": {
        "fr": "Score moyen : couleurs de {low} à {high},<br>l'étendue des valeurs affichées",
        "en": "Mean score: colours from {low} to {high},<br>the range of the values shown",
    },
    "ui.chart.distribution_hover": {
        "fr": "%{x:.1f} (tests : %{customdata})",
        "en": "%{x:.1f} (tests: %{customdata})",
    },
    "ui.chart.trend_hover": {
        "fr": "%{x} : %{y:.1f} (structures : %{customdata[0]} ; tests : %{customdata[1]})",
        "en": "%{x}: %{y:.1f} (structures: %{customdata[0]}; tests: %{customdata[1]})",
    },
    "ui.chart.global_score_channels_axis": {
        "fr": "Score global sur {channels} (sur 100)",
        "en": "Global score over {channels} (out of 100)",
    },
    "ui.chart.mean_score_channels_axis": {
        "fr": "Score global moyen sur {channels}",
        "en": "Mean global score over {channels}",
    },
    "ui.chart.score_axis": {"fr": "Score", "en": "Score"},
    "ui.chart.global_score_axis": {
        "fr": "Score global (sur 100)",
        "en": "Global score (out of 100)",
    },
    "ui.chart.mean_score_axis": {"fr": "Score global moyen", "en": "Mean global score"},
    "ui.chart.edition_axis": {"fr": "Édition", "en": "Edition"},
    "ui.chart.selected_edition": {"fr": "édition choisie", "en": "selected edition"},
    "ui.col.category": {"fr": "Catégorie", "en": "Category"},
    "ui.col.channel": {"fr": "Canal", "en": "Channel"},
    "ui.col.mean_score": {"fr": "Score moyen", "en": "Mean score"},
    "ui.col.structures": {"fr": "Structures", "en": "Structures"},
    "ui.col.global_score": {"fr": "Score global", "en": "Global score"},
    "ui.col.edition": {"fr": "Édition", "en": "Edition"},
    "ui.col.structure": {"fr": "Structure", "en": "Structure"},
    "ui.col.department": {"fr": "Département", "en": "Department"},
    "ui.col.peers": {"fr": "Structures de la catégorie", "en": "Structures in the category"},
    "ui.col.tests": {"fr": "Tests", "en": "Tests"},
    "ui.col.column": {"fr": "Colonne", "en": "Column"},
    "ui.col.table": {"fr": "Table", "en": "Table"},
    "ui.col.required": {"fr": "Obligatoire", "en": "Required"},
    "ui.col.rule": {"fr": "Règle", "en": "Rule"},
    "ui.table.caption": {"fr": "{title} : données du graphique", "en": "{title}: chart data"},
    "ui.csv.filename": {"fr": "{name}-{edition}.csv", "en": "{name}-{edition}.csv"},
    # Data page.
    "ui.data.title": {"fr": "Données", "en": "Data"},
    "ui.data.active": {"fr": "Jeu de données actif", "en": "Active dataset"},
    "ui.data.source": {"fr": "Source", "en": "Source"},
    "ui.data.demo_source": {
        "fr": "Données de démonstration (fictives)",
        "en": "Demo data (synthetic)",
    },
    "ui.data.version": {"fr": "Version (empreinte du contenu)", "en": "Version (content hash)"},
    "ui.data.imported_at": {"fr": "Importé le", "en": "Imported at"},
    "ui.data.editions_count": {"fr": "Éditions", "en": "Editions"},
    "ui.data.totals": {"fr": "Structures et tests", "en": "Structures and tests"},
    "ui.data.totals_value": {
        "fr": "{structures} structures, {tests} tests",
        "en": "{structures} structures, {tests} tests",
    },
    "ui.data.download_csv": {
        "fr": "Télécharger le jeu actif (CSV pour Excel, .zip)",
        "en": "Download the active dataset (CSV, .zip)",
    },
    "ui.data.download_csv_hint": {
        "fr": "Le CSV s'ouvre dans Excel en français (séparateur « ; », virgule décimale) et "
        "se réimporte tel quel.",
        "en": "The CSV uses commas between fields and a point for decimals, and re-imports "
        "as it is.",
    },
    "ui.data.download_withheld": {
        "fr": "Mode anonyme : cette page donne le dictionnaire des données et les effectifs, "
        "pas les données nominatives des structures. Les administrateurs de l'application "
        "les exportent avec la commande python -m dashboard export.",
        "en": "Anonymous mode: this page gives the data dictionary and the counts, not the "
        "structures' named data. The application's administrators export them with the "
        "command python -m dashboard export.",
    },
    "ui.data.download_xlsx": {
        "fr": "Télécharger le jeu actif (Excel)",
        "en": "Download the active dataset (Excel)",
    },
    "ui.data.import_hint": {
        "fr": "Pour importer vos propres résultats : python -m dashboard import CHEMIN "
        "(voir le README et docs/data-format.md).",
        "en": "To import your own results: python -m dashboard import PATH "
        "(see the README and docs/data-format.md).",
    },
    "ui.data.editions": {"fr": "Éditions", "en": "Editions"},
    "ui.data.editions_caption": {
        "fr": "Structures auditées et tests par édition",
        "en": "Structures audited and tests per edition",
    },
    "ui.data.dictionary": {"fr": "Dictionnaire des données", "en": "Data dictionary"},
    "ui.data.dictionary_caption": {
        "fr": "Colonnes des tables structures et tests (contrat de données v1)",
        "en": "Columns of the structures and tests tables (data contract v1)",
    },
    "ui.data.yes": {"fr": "oui", "en": "yes"},
    "ui.data.no": {"fr": "non", "en": "no"},
    "ui.data.required_when": {"fr": "selon le canal", "en": "depends on channel"},
}

# Data dictionary rules (contract §2-3), key ui.dict.<table>.<column>.
DICTIONARY: dict[str, dict[str, str | dict[str, str]]] = {
    "ui.dict.structures.structure_id": {
        "fr": "Identifiant unique, stable d'une édition à l'autre, 64 caractères au plus",
        "en": "Unique id, stable across editions, at most 64 characters",
    },
    "ui.dict.structures.name": {
        "fr": "Nom de la structure, 200 caractères au plus",
        "en": "Structure name, at most 200 characters",
    },
    "ui.dict.structures.category": {
        "fr": "Code de catégorie (city_50k_plus, city_20k_50k, intermunicipality, department, region, france_services, social_services, economic_development)",
        "en": "Category code (city_50k_plus, city_20k_50k, intermunicipality, department, region, france_services, social_services, economic_development)",
    },
    "ui.dict.structures.region_code": {
        "fr": "Code INSEE d'une région actuelle",
        "en": "INSEE code of a current region",
    },
    "ui.dict.structures.department_code": {
        "fr": "Code INSEE du département, dans la région ; vide pour une région",
        "en": "INSEE department code, within the region; empty for a region",
    },
    "ui.dict.structures.population": {
        "fr": "Habitants desservis, entier ≥ 0",
        "en": "Inhabitants served, integer ≥ 0",
    },
    "ui.dict.tests.edition": {
        "fr": "Année du baromètre (2000–2100)",
        "en": "Barometer year (2000–2100)",
    },
    "ui.dict.tests.structure_id": {
        "fr": "Doit exister dans la table structures",
        "en": "Must exist in the structures table",
    },
    "ui.dict.tests.channel": {
        "fr": "physical, phone, email, mail, website ou social",
        "en": "physical, phone, email, mail, website or social",
    },
    "ui.dict.tests.test_id": {
        "fr": "Unique par édition, structure et canal",
        "en": "Unique within edition, structure and channel",
    },
    "ui.dict.tests.test_date": {
        "fr": "Date AAAA-MM-JJ ou JJ/MM/AAAA, dans l'année de l'édition",
        "en": "Date YYYY-MM-DD or DD/MM/YYYY, within the edition's year",
    },
    "ui.dict.tests.score": {
        "fr": "Note du test sur 100 (0–100)",
        "en": "Test score out of 100 (0–100)",
    },
    "ui.dict.tests.answered": {
        "fr": "Booléen : la structure a-t-elle répondu (téléphone, courriel, courrier, réseaux sociaux)",
        "en": "Boolean: did the structure answer (phone, email, letter, social)",
    },
    "ui.dict.tests.response_days": {
        "fr": "Jours jusqu'à la réponse, ≥ 0 (courriel, courrier, réseaux sociaux, si répondu)",
        "en": "Days until the answer, ≥ 0 (email, letter, social, when answered)",
    },
    "ui.dict.tests.rings": {
        "fr": "Sonneries avant décroché, entier ≥ 0 (téléphone, si répondu)",
        "en": "Rings before pick-up, integer ≥ 0 (phone, when answered)",
    },
    "ui.dict.tests.first_attempt": {
        "fr": "Booléen : appel abouti au premier essai (téléphone)",
        "en": "Boolean: call completed at the first attempt (phone)",
    },
    "ui.dict.tests.private_reply": {
        "fr": "Booléen : réponse en message privé (réseaux sociaux)",
        "en": "Boolean: answer as a private message (social)",
    },
    "ui.dict.tests.online_procedures": {
        "fr": "Booléen : rubrique de démarches en ligne (site internet)",
        "en": "Boolean: online procedures section (website)",
    },
    "ui.dict.tests.digital_support": {
        "fr": "Booléen : aide numérique en page d'accueil (site internet)",
        "en": "Boolean: digital support on the home page (website)",
    },
    "ui.dict.tests.crit_*": {
        "fr": "Sous-score d'un critère, 0–100, vide si non évalué",
        "en": "Criterion sub-score, 0–100, empty where not assessed",
    },
}
MESSAGES.update(DICTIONARY)

"""Catalog part: the « Territoires » page, the tile maps of France (`ui.map.*`), the overview's
map (`ui.overview_map.*`), « Ma structure »'s territory block (`ui.territories.bench_*`) and
the columns of their tables. Keys are `ui.*`.

French texts are written with plain spaces; the catalog adds the no-break spaces.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    "ui.nav.territories": {"fr": "Territoires", "en": "Territories"},
    # --- The page ---------------------------------------------------------------------------
    "ui.territories.title": {"fr": "Territoires", "en": "Territories"},
    "ui.territories.intro": {
        "fr": "Un département ou une région face aux autres sur des indicateurs publics "
        "importés (par exemple le Baromètre des résultats de l'action publique).",
        "en": "A department or region against the others on imported public indicators "
        "(the Baromètre des résultats de l'action publique, say).",
    },
    "ui.territories.none_loaded": {
        "fr": "Aucune table d'indicateurs publics n'est chargée. Un administrateur l'importe "
        "avec la commande suivante (format long du contrat ou fichier détaillé du Baromètre "
        "des résultats tel que publié) :",
        "en": "No public indicator table is loaded. An administrator imports one with this "
        "command (the contract's long format, or a detail file of the Baromètre des résultats "
        "as published):",
    },
    "ui.territories.file_placeholder": {"fr": "FICHIER.csv", "en": "FILE.csv"},
    "ui.territories.none_loaded_hint": {
        "fr": "Les colonnes attendues et les fichiers acceptés sont décrits dans la "
        "documentation du format des données (§ 10). La page se met à jour à la prochaine "
        "visite, sans redémarrage.",
        "en": "The expected columns and the files accepted are described in the data format "
        "documentation (§ 10). The page shows them on the next visit, no restart needed.",
    },
    "ui.territories.controls": {"fr": "Choix", "en": "Choices"},
    "ui.territories.indicator": {"fr": "Indicateur", "en": "Indicator"},
    "ui.territories.indicator_option": {"fr": "{label} ({table})", "en": "{label} ({table})"},
    "ui.territories.period": {"fr": "Période", "en": "Period"},
    "ui.territories.level": {"fr": "Niveau", "en": "Level"},
    "ui.territories.level_department": {"fr": "Départements", "en": "Departments"},
    "ui.territories.level_region": {"fr": "Régions", "en": "Regions"},
    "ui.territories.level_other": {"fr": "Autres territoires", "en": "Other territories"},
    "ui.territories.entity": {"fr": "Territoire", "en": "Territory"},
    "ui.territories.entity_placeholder": {
        "fr": "Choisir un territoire…",
        "en": "Choose a territory…",
    },
    "ui.territories.entity_hint": {
        "fr": "Ou cliquez sur sa case de la carte.",
        "en": "Or click its tile on the map.",
    },
    "ui.territories.peers": {"fr": "Comparé à", "en": "Compared with"},
    "ui.territories.scope_all_department": {
        "fr": "Tous les départements",
        "en": "Every department",
    },
    "ui.territories.scope_all_region": {"fr": "Toutes les régions", "en": "Every region"},
    "ui.territories.scope_all_other": {"fr": "Tous les territoires", "en": "Every territory"},
    "ui.territories.scope_region": {
        "fr": "Les départements de sa région",
        "en": "The departments of its region",
    },
    "ui.territories.scope_disabled": {"fr": "{label} ({reason})", "en": "{label} ({reason})"},
    "ui.territories.scope_departments_only": {
        "fr": "départements seulement",
        "en": "departments only",
    },
    "ui.territories.headline_title": {"fr": "En bref", "en": "At a glance"},
    "ui.territories.definition": {
        "fr": "Comparé {peers} ayant une valeur en {period}. Indicateur : {indicator} "
        "(unité : {unit} ; {direction}). Source : {source}.",
        "en": "Compared with {peers} with a value in {period}. Indicator: {indicator} "
        "(unit: {unit}; {direction}). Source: {source}.",
    },
    "ui.territories.peers_all_department": {
        "fr": {"one": "au {n} département", "other": "aux {n} départements"},
        "en": {"one": "the {n} department", "other": "the {n} departments"},
    },
    "ui.territories.peers_all_region": {
        "fr": {"one": "à la {n} région", "other": "aux {n} régions"},
        "en": {"one": "the {n} region", "other": "the {n} regions"},
    },
    "ui.territories.peers_all_other": {
        "fr": {"one": "au {n} territoire", "other": "aux {n} territoires"},
        "en": {"one": "the {n} territory", "other": "the {n} territories"},
    },
    "ui.territories.peers_region": {
        "fr": {
            "one": "au {n} département de la région {region}",
            "other": "aux {n} départements de la région {region}",
        },
        "en": {
            "one": "the {n} department of the {region} region",
            "other": "the {n} departments of the {region} region",
        },
    },
    "ui.territories.fragile": {
        "fr": {
            "one": "Groupe fragile : {n} territoire seulement. Le rang se lit avec prudence ; "
            "ni centile ni quartile.",
            "other": "Groupe fragile : {n} territoires seulement. Le rang se lit avec prudence ; "
            "ni centile ni quartile.",
        },
        "en": {
            "one": "Fragile group: only {n} territory. Read the rank with care; no percentile "
            "or quartile.",
            "other": "Fragile group: only {n} territories. Read the rank with care; no "
            "percentile or quartile.",
        },
    },
    "ui.territories.choose": {
        "fr": "Choisissez un territoire (dans la liste ou sur la carte) pour voir son rang, "
        "son centile et son évolution.",
        "en": "Choose a territory (in the list or on the map) to see its rank, percentile and "
        "change.",
    },
    "ui.territories.entity_no_value": {
        "fr": "{name} n'a pas de valeur en {period} : voici le groupe, et sa trajectoire "
        "là où il a des valeurs.",
        "en": "{name} has no value in {period}: here is the group, and its trajectory where "
        "it has values.",
    },
    "ui.territories.region_needs_entity": {
        "fr": "« Les départements de sa région » demande un département choisi : tous les "
        "territoires du niveau sont comparés.",
        "en": "“The departments of its region” needs a department chosen: every territory of "
        "the level is compared.",
    },
    # Headline cards.
    "ui.territories.card_value": {"fr": "Valeur {period}", "en": "Value {period}"},
    "ui.territories.card_rank": {"fr": "Rang", "en": "Rank"},
    "ui.territories.detail_rank": {
        "fr": "1 = le meilleur du groupe",
        "en": "1 = the best of the group",
    },
    "ui.territories.card_percentile": {"fr": "Centile", "en": "Percentile"},
    "ui.territories.detail_percentile": {
        "fr": "devant {pct} des autres territoires",
        "en": "ahead of {pct} of the other territories",
    },
    "ui.territories.card_quartile": {"fr": "Quartile", "en": "Quartile"},
    "ui.territories.detail_quartiles": {"fr": "Q1 {q1}, Q3 {q3}", "en": "Q1 {q1}, Q3 {q3}"},
    "ui.territories.card_median": {"fr": "Médiane du groupe", "en": "Group median"},
    "ui.territories.detail_gap": {"fr": "écart : {gap}", "en": "gap: {gap}"},
    "ui.territories.card_best": {"fr": "Meilleur du groupe", "en": "Best of the group"},
    "ui.territories.detail_best": {"fr": "{names} ; écart : {gap}", "en": "{names}; gap: {gap}"},
    "ui.territories.card_change": {"fr": "Évolution", "en": "Change"},
    "ui.territories.detail_change": {
        "fr": "depuis {period} ({value})",
        "en": "since {period} ({value})",
    },
    "ui.territories.detail_first": {
        "fr": "première période avec une valeur",
        "en": "first period with a value",
    },
    "ui.territories.card_n": {"fr": "Territoires comparés", "en": "Territories compared"},
    # Blocks.
    "ui.territories.map_title": {"fr": "Carte de France", "en": "Map of France"},
    "ui.territories.map_description": {
        "fr": "Une case par territoire, de même taille (outre-mer compris), colorée selon la "
        "valeur de la période ; le territoire choisi est entouré. Cliquez sur une case pour "
        "le choisir.",
        "en": "One tile per territory, all the same size (overseas included), coloured by the "
        "period's value; the territory chosen is outlined. Click a tile to choose it.",
    },
    "ui.territories.map_label_department": {
        "fr": "Carte des départements : {indicator}, {period}",
        "en": "Map of the departments: {indicator}, {period}",
    },
    "ui.territories.map_label_region": {
        "fr": "Carte des régions : {indicator}, {period}",
        "en": "Map of the regions: {indicator}, {period}",
    },
    "ui.territories.legend_title": {"fr": "{indicator}, {period}", "en": "{indicator}, {period}"},
    "ui.territories.no_map": {
        "fr": "Pas de carte pour ces territoires (ni départements ni régions) : voir le tableau.",
        "en": "No map for these territories (neither departments nor regions): see the table.",
    },
    "ui.territories.trajectory_title": {
        "fr": "Trajectoire face au groupe",
        "en": "Trajectory against the group",
    },
    "ui.territories.trajectory_description": {
        "fr": "Par période : la médiane du groupe (tirets), la bande de Q1 à Q3 (la moitié "
        "centrale des territoires) et la valeur du territoire choisi.",
        "en": "Per period: the group's median (dashed), the band from Q1 to Q3 (the middle "
        "half of the territories) and the value of the territory chosen.",
    },
    "ui.territories.single_period": {
        "fr": "L'indicateur n'a qu'une période ({period}) : pas de trajectoire.",
        "en": "The indicator has a single period ({period}): no trajectory.",
    },
    "ui.territories.distribution_title": {
        "fr": "Distribution : le groupe par rang",
        "en": "Distribution: the group by rank",
    },
    "ui.territories.distribution_description": {
        "fr": "Une barre par territoire, du meilleur au moins bon (selon le sens de "
        "l'indicateur) ; le territoire choisi en orange, la médiane en tirets.",
        "en": "One bar per territory, from best to worst (by the indicator's direction); the "
        "territory chosen in orange, the median dashed.",
    },
    "ui.territories.no_value": {
        "fr": "Aucun territoire du groupe n'a de valeur en {period}.",
        "en": "No territory of the group has a value in {period}.",
    },
    # Figures.
    "ui.territories.value_axis": {"fr": "Valeur", "en": "Value"},
    "ui.territories.period_axis": {"fr": "Période", "en": "Period"},
    "ui.territories.rank_axis": {
        "fr": "Territoires, du meilleur au moins bon",
        "en": "Territories, best to worst",
    },
    "ui.territories.legend_band": {"fr": "Groupe : Q1–Q3", "en": "Group: Q1–Q3"},
    "ui.territories.legend_median": {"fr": "Médiane du groupe", "en": "Group median"},
    "ui.territories.legend_peers": {"fr": "Territoires", "en": "Territories"},
    "ui.territories.hover_median": {
        "fr": "{period} — médiane : {value} ({n} territoires)",
        "en": "{period} — median: {value} ({n} territories)",
    },
    "ui.territories.hover_own": {
        "fr": "{name} — {period} : {value}",
        "en": "{name} — {period}: {value}",
    },
    "ui.territories.hover_rank": {
        "fr": "{name} — rang {rank} / {n} : {value}",
        "en": "{name} — rank {rank} / {n}: {value}",
    },
    "ui.territories.median_note": {"fr": "médiane : {value}", "en": "median: {value}"},
    # « Ma structure »'s block.
    "ui.territories.bench_title": {
        "fr": "Votre territoire sur les indicateurs publics",
        "en": "Your territory on public indicators",
    },
    "ui.territories.bench_description": {
        "fr": "Le département de la structure (sa région pour un conseil régional) face aux "
        "autres sur chaque indicateur public chargé, à sa dernière période : rang, valeur et "
        "médiane.",
        "en": "The structure's department (its region for a regional council) against the "
        "others on each public indicator loaded, in its latest period: rank, value and median.",
    },
    "ui.territories.bench_none_loaded": {
        "fr": "Aucun indicateur public n'est chargé (commande : {command} FICHIER.csv).",
        "en": "No public indicator is loaded (command: {command} FILE.csv).",
    },
    "ui.territories.bench_no_value": {
        "fr": "Aucun indicateur public chargé n'a de valeur pour {territory}.",
        "en": "No public indicator loaded has a value for {territory}.",
    },
    "ui.territories.bench_no_territory": {
        "fr": "La structure n'a ni département ni région : pas d'indicateur public à montrer.",
        "en": "The structure has no department or region: no public indicator to show.",
    },
    "ui.territories.link_rank": {
        "fr": "{territory}, {period} : rang {rank} / {n}",
        "en": "{territory}, {period}: rank {rank} / {n}",
    },
    "ui.territories.link_values": {
        "fr": "Valeur : {value} ; médiane : {median} ({direction})",
        "en": "Value: {value}; median: {median} ({direction})",
    },
    "ui.territories.link_text": {
        "fr": "Voir {territory} sur la page Territoires",
        "en": "See {territory} on the Territories page",
    },
    # --- Tile maps --------------------------------------------------------------------------
    "ui.map.tile_name": {"fr": "{name} : {value}", "en": "{name}: {value}"},
    "ui.map.tile_name_outside": {
        "fr": "{name} : {value}, hors du groupe comparé",
        "en": "{name}: {value}, outside the group compared",
    },
    "ui.map.outside_legend": {
        "fr": "bordure en tirets : hors du groupe comparé",
        "en": "dashed border: outside the group compared",
    },
    "ui.map.keyboard_hint": {
        "fr": "Clavier : Tab pour atteindre la carte, les flèches pour passer d'une case à "
        "l'autre, Entrée ou Espace pour choisir.",
        "en": "Keyboard: Tab to reach the map, the arrow keys to move from tile to tile, Enter "
        "or Space to choose.",
    },
    "ui.map.selected_legend": {
        "fr": "contour épais : territoire choisi",
        "en": "thick outline: territory chosen",
    },
    # --- The overview's map -----------------------------------------------------------------
    "ui.overview_map.title": {
        "fr": "Score global moyen par territoire",
        "en": "Mean global score by territory",
    },
    "ui.overview_map.description": {
        "fr": "Moyenne du score global des structures auditées dans chaque département (les "
        "conseils régionaux n'en ont pas) ou région, selon les filtres ; une case par "
        "territoire, gris quand moins de 3 structures y ont été auditées, pour qu'aucune ne "
        "soit reconnaissable.",
        "en": "Mean global score of the structures audited in each department (regional "
        "councils have none) or region, for the filters; one tile per territory, grey where "
        "fewer than 3 structures were audited, so that none can be recognised.",
    },
    "ui.overview_map.level_legend": {"fr": "Carte par", "en": "Map by"},
    "ui.overview_map.no_department": {
        "fr": "Les conseils régionaux n'ont pas de département : choisissez « Carte par "
        "région » pour les voir sur la carte.",
        "en": "Regional councils have no department: choose \u201cMap by region\u201d to see "
        "them on the map.",
    },
    "ui.overview_map.level_department": {"fr": "département", "en": "department"},
    "ui.overview_map.level_region": {"fr": "région", "en": "region"},
    "ui.overview_map.label_department": {
        "fr": "Carte des départements : score global moyen, édition {edition}",
        "en": "Map of the departments: mean global score, {edition} edition",
    },
    "ui.overview_map.label_region": {
        "fr": "Carte des régions : score global moyen, édition {edition}",
        "en": "Map of the regions: mean global score, {edition} edition",
    },
    "ui.overview_map.legend_title": {
        "fr": "Score global moyen (sur 100), édition {edition}",
        "en": "Mean global score (out of 100), {edition} edition",
    },
    "ui.overview_map.legend_few": {
        "fr": "moins de {min} structures auditées",
        "en": "fewer than {min} structures audited",
    },
    "ui.overview_map.tile_value": {
        "fr": "{mean} sur 100, {structures}",
        "en": "{mean} out of 100, {structures}",
    },
    "ui.overview_map.tile_few": {
        "fr": "{structures}, pas de moyenne (moins de {min})",
        "en": "{structures}, no mean (fewer than {min})",
    },
    # --- Table columns ----------------------------------------------------------------------
    "ui.col.territory": {"fr": "Territoire", "en": "Territory"},
    "ui.col.value": {"fr": "Valeur", "en": "Value"},
    "ui.col.territory_value": {"fr": "Valeur du territoire", "en": "Territory's value"},
    "ui.col.unit": {"fr": "Unité", "en": "Unit"},
    "ui.col.period": {"fr": "Période", "en": "Period"},
    "ui.col.indicator": {"fr": "Indicateur", "en": "Indicator"},
    "ui.col.territories_n": {"fr": "N territoires", "en": "N territories"},
    "ui.col.territories_median": {"fr": "Médiane des territoires", "en": "Territories' median"},
    "ui.col.mean_global_score": {"fr": "Score global moyen", "en": "Mean global score"},
}

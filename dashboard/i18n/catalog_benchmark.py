"""Catalog part: the "My structure" page and its generated summary. Keys `ui.bench.*`,
`ui.summary.*`, `ui.quartile.*`, `ui.mark.*`, `ui.measure.*` and the table columns it adds."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "ui.bench.controls": {"fr": "Choix", "en": "Choices"},
    "ui.bench.structure": {"fr": "Structure", "en": "Structure"},
    "ui.bench.search": {"fr": "Rechercher une structure", "en": "Search for a structure"},
    "ui.bench.structure_choose": {
        "fr": "Choisissez dans les résultats",
        "en": "Choose among the results",
    },
    "ui.bench.structure_placeholder": {
        "fr": "Tapez un nom, un département…",
        "en": "Type a name, a department…",
    },
    "ui.bench.structure_hint": {
        "fr": "Cherchez par nom (accents facultatifs), numéro ou nom de département, ou catégorie.",
        "en": "Search by name (accents optional), department number or name, or category.",
    },
    "ui.bench.peers": {"fr": "Groupe de pairs", "en": "Peer group"},
    "ui.bench.peers_category": {"fr": "Même catégorie", "en": "Same category"},
    "ui.bench.peers_category_region": {
        "fr": "Même catégorie et même région",
        "en": "Same category and region",
    },
    "ui.bench.peers_category_population": {
        "fr": "Même catégorie et même tranche de population",
        "en": "Same category and population band",
    },
    "ui.bench.channel": {"fr": "Canal suivi dans l'évolution", "en": "Channel followed over time"},
    "ui.bench.channel_placeholder": {"fr": "Score global", "en": "Global score"},
    "ui.bench.compare": {"fr": "Comparer avec (4 au plus)", "en": "Compare with (up to 4)"},
    "ui.bench.compare_placeholder": {
        "fr": "Parmi les résultats de la recherche",
        "en": "Among the search results",
    },
    "ui.bench.compare_hint": {
        "fr": "Mode nominatif : les noms des structures comparées sont affichés.",
        "en": "Named mode: the compared structures' names are shown.",
    },
    "ui.bench.compare_disabled": {
        "fr": "La comparaison nominative n'est disponible qu'en mode consultant (pairs nommés).",
        "en": "Side-by-side comparison by name is only available in consultant mode (named peers).",
    },
    "ui.bench.prompt": {
        "fr": "Choisissez une structure pour voir où elle se situe parmi ses pairs.",
        "en": "Choose a structure to see where it stands among its peers.",
    },
    "ui.bench.headline_title": {
        "fr": "Position dans le groupe de pairs",
        "en": "Position in the peer group",
    },
    "ui.bench.summary_title": {"fr": "En résumé", "en": "In short"},
    "ui.bench.definition": {
        "fr": "Pairs en {edition} : {parts} — N = {n} structures (la vôtre comprise).",
        "en": "Peers in {edition}: {parts} — N = {n} structures (yours included).",
    },
    "ui.bench.def_category": {"fr": "catégorie « {category} »", "en": "category “{category}”"},
    "ui.bench.def_region": {"fr": "région {region}", "en": "region {region}"},
    "ui.bench.def_band": {
        "fr": "population de {low} à moins de {high} habitants",
        "en": "population from {low} to under {high} inhabitants",
    },
    "ui.bench.def_band_open": {
        "fr": "population de {low} habitants ou plus",
        "en": "population of {low} inhabitants or more",
    },
    "ui.bench.fallback_population": {
        "fr": "La population de cette structure n'est pas connue : le groupe est la catégorie entière.",
        "en": "This structure's population is unknown: the group is the whole category.",
    },
    "ui.bench.fragile": {
        "fr": "Seulement {n} structures dans ce groupe : les comparaisons sont fragiles (ni centile ni quartile).",
        "en": "Only {n} structures in this group: comparisons are fragile (no percentile or quartile).",
    },
    "ui.bench.card_global": {"fr": "Score global", "en": "Global score"},
    "ui.bench.card_rank": {"fr": "Rang", "en": "Rank"},
    "ui.bench.card_percentile": {"fr": "Centile", "en": "Percentile"},
    "ui.bench.card_quartile": {"fr": "Quartile", "en": "Quartile"},
    "ui.bench.card_median": {"fr": "Médiane des pairs", "en": "Peer median"},
    "ui.bench.card_best": {"fr": "Meilleur de la catégorie", "en": "Best in class"},
    "ui.bench.card_change": {"fr": "Évolution", "en": "Change"},
    "ui.bench.detail_tests": {
        "fr": "sur {n} tests, {channels} canal(aux)",
        "en": "from {n} tests, {channels} channel(s)",
    },
    "ui.bench.detail_rank": {
        "fr": "1 = meilleur ; ex æquo au même rang",
        "en": "1 = best; ties share a rank",
    },
    "ui.bench.detail_percentile": {
        "fr": "{pct} des autres pairs ont un score inférieur",
        "en": "{pct} of the other peers score lower",
    },
    "ui.bench.detail_quartile": {"fr": "Q1 {q1}, Q3 {q3}", "en": "Q1 {q1}, Q3 {q3}"},
    "ui.bench.detail_gap": {"fr": "écart : {gap}", "en": "gap: {gap}"},
    "ui.bench.detail_change": {"fr": "depuis {edition}", "en": "since {edition}"},
    "ui.bench.detail_first": {"fr": "première participation", "en": "first participation"},
    "ui.bench.channels_title": {
        "fr": "Score par canal face aux pairs",
        "en": "Score by channel against peers",
    },
    "ui.bench.channels_description": {
        "fr": "Votre score (point orange) face à la médiane (trait), au meilleur (triangle) "
        "et à l'intervalle Q1–Q3 des pairs (bande grise). « Non audité » : canal sans test, pas un zéro.",
        "en": "Your score (orange dot) against the peer median (tick), the best (triangle) and the "
        "peers' Q1–Q3 range (grey band). “Not audited”: no test on that channel, not a zero.",
    },
    "ui.bench.criteria_title": {
        "fr": "Critères : écart à la médiane des pairs",
        "en": "Criteria: gap to the peer median",
    },
    "ui.bench.criteria_description": {
        "fr": "Score du critère moins la médiane des pairs, du plus faible au plus fort. Point fort : "
        "dernier quartile supérieur ; point faible : dernier quartile.",
        "en": "Criterion score minus the peer median, weakest first. Strength: top quartile; "
        "weakness: bottom quartile.",
    },
    "ui.bench.measures_title": {"fr": "Mesures par canal", "en": "Channel measures"},
    "ui.bench.measures_description": {
        "fr": "Vos mesures face à la médiane des pairs qui ont la mesure cette édition.",
        "en": "Your measures against the median of the peers that have the measure this edition.",
    },
    "ui.bench.trajectory_title": {
        "fr": "Évolution d'une édition à l'autre",
        "en": "Change over the editions",
    },
    "ui.bench.trajectory_description": {
        "fr": "Votre score à chaque édition où vous avez été audité, face à la médiane et à "
        "l'intervalle Q1–Q3 des pairs de la même édition. Les lignes pointillées marquent un "
        "changement de méthode.",
        "en": "Your score in each edition you were audited in, against the median and Q1–Q3 range "
        "of that edition's peers. Dotted lines mark a change of method.",
    },
    "ui.bench.distribution_title": {"fr": "Vous parmi vos pairs", "en": "You among your peers"},
    "ui.bench.distribution_description": {
        "fr": "Score global de chaque pair (anonyme, numéroté du meilleur au moins bon) ; votre "
        "structure est le losange orange.",
        "en": "Each peer's global score (anonymous, numbered from best to worst); your structure is "
        "the orange diamond.",
    },
    "ui.bench.distribution_description_named": {
        "fr": "Score global de chaque pair (mode consultant : pairs nommés) ; votre structure est le "
        "losange orange.",
        "en": "Each peer's global score (consultant mode: named peers); your structure is the orange "
        "diamond.",
    },
    "ui.bench.compare_title": {"fr": "Comparaison côte à côte", "en": "Side-by-side comparison"},
    "ui.bench.compare_channels_title": {
        "fr": "Scores global et par canal",
        "en": "Global and channel scores",
    },
    "ui.bench.compare_channels_description": {
        "fr": "Édition choisie ; barre absente : canal non audité.",
        "en": "Selected edition; missing bar: channel not audited.",
    },
    "ui.bench.compare_trajectory_title": {
        "fr": "Évolution du score global",
        "en": "Global score over time",
    },
    "ui.bench.compare_trajectory_description": {
        "fr": "Éditions auxquelles chaque structure a participé.",
        "en": "Editions each structure took part in.",
    },
    "ui.bench.legend_band": {"fr": "Pairs : Q1–Q3", "en": "Peers: Q1–Q3"},
    "ui.bench.legend_median": {"fr": "Médiane des pairs", "en": "Peer median"},
    "ui.bench.legend_best": {"fr": "Meilleur", "en": "Best"},
    "ui.bench.legend_peers": {"fr": "Pairs", "en": "Peers"},
    "ui.bench.legend_self": {"fr": "Votre structure", "en": "Your structure"},
    "ui.bench.hover_median": {"fr": "%{y} — médiane : %{x:.1f}", "en": "%{y} — median: %{x:.1f}"},
    "ui.bench.hover_best": {"fr": "%{y} — meilleur : %{x:.1f}", "en": "%{y} — best: %{x:.1f}"},
    "ui.bench.hover_own": {"fr": "%{y} — vous : %{x:.1f}", "en": "%{y} — you: %{x:.1f}"},
    "ui.bench.hover_median_edition": {
        "fr": "%{x} — médiane : %{y:.1f}",
        "en": "%{x} — median: %{y:.1f}",
    },
    "ui.bench.hover_own_edition": {"fr": "%{x} — vous : %{y:.1f}", "en": "%{x} — you: %{y:.1f}"},
    "ui.bench.hover_criterion": {
        "fr": "%{y}<br>vous : %{customdata[0]:.1f} ; médiane : %{customdata[1]:.1f}",
        "en": "%{y}<br>you: %{customdata[0]:.1f}; median: %{customdata[1]:.1f}",
    },
    "ui.bench.hover_peer": {"fr": "%{text} : %{x:.1f}", "en": "%{text}: %{x:.1f}"},
    "ui.bench.hover_compare": {
        "fr": "%{fullData.name}<br>%{x} : %{y:.1f}",
        "en": "%{fullData.name}<br>%{x}: %{y:.1f}",
    },
    "ui.bench.not_audited": {"fr": "non audité", "en": "not audited"},
    "ui.bench.mark_strength": {"fr": "point fort", "en": "strength"},
    "ui.bench.mark_weakness": {"fr": "point faible", "en": "weakness"},
    "ui.bench.gap_axis": {"fr": "Écart à la médiane (points)", "en": "Gap to the median (points)"},
    "ui.bench.global": {"fr": "Score global", "en": "Global score"},
    "ui.bench.peer_label": {"fr": "Pair {n}", "en": "Peer {n}"},
    "ui.bench.method_channel": {"fr": "ajout : {names}", "en": "added: {names}"},
    "ui.bench.method_criteria": {"fr": "{n} critère(s) ajouté(s)", "en": "{n} criterion(a) added"},
    "ui.quartile.top": {"fr": "quartile supérieur", "en": "top quartile"},
    "ui.quartile.upper_middle": {
        "fr": "deuxième quartile (au-dessus de la médiane)",
        "en": "second quartile (above the median)",
    },
    "ui.quartile.lower_middle": {
        "fr": "troisième quartile (sous la médiane)",
        "en": "third quartile (below the median)",
    },
    "ui.quartile.bottom": {"fr": "dernier quartile", "en": "bottom quartile"},
    "ui.mark.strength": {"fr": "point fort", "en": "strength"},
    "ui.mark.weakness": {"fr": "point faible", "en": "weakness"},
    "ui.measure.phone_mean_rings": {
        "fr": "Sonneries avant décroché (moyenne)",
        "en": "Rings before pick-up (mean)",
    },
    "ui.measure.phone_first_attempt_pct": {
        "fr": "Appels aboutis au premier essai (%)",
        "en": "Calls completed at the first attempt (%)",
    },
    "ui.measure.email_within_10d_pct": {
        "fr": "Courriels répondus en moins de 10 jours (%)",
        "en": "Emails answered within 10 days (%)",
    },
    "ui.measure.mail_within_15d_pct": {
        "fr": "Courriers répondus en moins de 15 jours (%)",
        "en": "Letters answered within 15 days (%)",
    },
    "ui.measure.social_within_3d_pct": {
        "fr": "Messages répondus en moins de 3 jours (%)",
        "en": "Messages answered within 3 days (%)",
    },
    "ui.measure.website_online_procedures_pct": {
        "fr": "Démarches en ligne (%)",
        "en": "Online procedures (%)",
    },
    "ui.measure.website_digital_support_pct": {
        "fr": "Aide numérique (%)",
        "en": "Digital support (%)",
    },
    "ui.summary.no_score": {
        "fr": "{name} n'a pas de score global en {edition}.",
        "en": "{name} has no global score in {edition}.",
    },
    "ui.summary.global": {
        "fr": "{name} obtient {score} sur 100 en {edition} : rang {rank} sur {n} parmi les « {group} » (médiane {median}).",
        "en": "{name} scores {score} out of 100 in {edition}: rank {rank} of {n} among “{group}” (median {median}).",
    },
    "ui.summary.fragile": {
        "fr": "Avec {n} structures seulement, ces comparaisons sont fragiles.",
        "en": "With only {n} structures, these comparisons are fragile.",
    },
    "ui.summary.quartile": {
        "fr": "Vous êtes dans le {quartile}.",
        "en": "You are in the {quartile}.",
    },
    "ui.summary.change": {
        "fr": "Évolution depuis {edition} : {change} points.",
        "en": "Change since {edition}: {change} points.",
    },
    "ui.summary.weak_channel_rings": {
        "fr": "{subject} dans le dernier quartile de vos pairs : {own} sonneries en moyenne contre {median} pour la médiane.",
        "en": "{subject} in the bottom quartile of your peers: {own} rings on average against {median} for the median.",
    },
    "ui.summary.weak_channel_pct": {
        "fr": "{subject} dans le dernier quartile de vos pairs : {what} {own} contre {median} pour la médiane.",
        "en": "{subject} in the bottom quartile of your peers: {what} {own} against {median} for the median.",
    },
    "ui.summary.weak_channel": {
        "fr": "{subject} dans le dernier quartile de vos pairs : {own} sur 100 contre {median} pour la médiane.",
        "en": "{subject} in the bottom quartile of your peers: {own} out of 100 against {median} for the median.",
    },
    "ui.summary.strong_channel": {
        "fr": "Point fort : {subject_lower} dans le quartile supérieur ({own} contre {median} pour la médiane).",
        "en": "Strength: {subject_lower} in the top quartile ({own} against {median} for the median).",
    },
    "ui.summary.subject.physical": {
        "fr": "Votre accueil physique est",
        "en": "Your in-person reception is",
    },
    "ui.summary.subject.phone": {
        "fr": "Votre accueil téléphonique est",
        "en": "Your phone reception is",
    },
    "ui.summary.subject.email": {
        "fr": "Vos réponses aux courriels sont",
        "en": "Your email replies are",
    },
    "ui.summary.subject.mail": {
        "fr": "Vos réponses aux courriers sont",
        "en": "Your letter replies are",
    },
    "ui.summary.subject.website": {"fr": "Votre site internet est", "en": "Your website is"},
    "ui.summary.subject.social": {
        "fr": "Vos réponses sur les réseaux sociaux sont",
        "en": "Your social-network replies are",
    },
    "ui.summary.what.phone_first_attempt_pct": {
        "fr": "appels aboutis au premier essai :",
        "en": "calls completed at the first attempt:",
    },
    "ui.summary.what.email_within_10d_pct": {
        "fr": "réponses en moins de 10 jours :",
        "en": "answered within 10 days:",
    },
    "ui.summary.what.mail_within_15d_pct": {
        "fr": "réponses en moins de 15 jours :",
        "en": "answered within 15 days:",
    },
    "ui.summary.what.social_within_3d_pct": {
        "fr": "réponses en moins de 3 jours :",
        "en": "answered within 3 days:",
    },
    "ui.summary.what.website_online_procedures_pct": {
        "fr": "démarches en ligne :",
        "en": "online procedures:",
    },
    "ui.summary.what.website_digital_support_pct": {
        "fr": "aide numérique :",
        "en": "digital support:",
    },
    "ui.summary.what.phone_mean_rings": {"fr": "sonneries :", "en": "rings:"},
    "ui.summary.weak_criterion": {
        "fr": "Critère à travailler en premier : {criterion} ({gap} points sous la médiane).",
        "en": "Criterion to work on first: {criterion} ({gap} points from the median).",
    },
    "ui.col.own_score": {"fr": "Votre score", "en": "Your score"},
    "ui.col.own_value": {"fr": "Votre valeur", "en": "Your value"},
    "ui.col.q1": {"fr": "Q1 des pairs", "en": "Peer Q1"},
    "ui.col.median": {"fr": "Médiane des pairs", "en": "Peer median"},
    "ui.col.q3": {"fr": "Q3 des pairs", "en": "Peer Q3"},
    "ui.col.best": {"fr": "Meilleur", "en": "Best"},
    "ui.col.peers_n": {"fr": "N pairs", "en": "N peers"},
    "ui.col.rank": {"fr": "Rang", "en": "Rank"},
    "ui.col.quartile": {"fr": "Quartile", "en": "Quartile"},
    "ui.col.criterion": {"fr": "Critère", "en": "Criterion"},
    "ui.col.gap_median": {"fr": "Écart à la médiane", "en": "Gap to the median"},
    "ui.col.mark": {"fr": "Repère", "en": "Flag"},
    "ui.col.measure": {"fr": "Mesure", "en": "Measure"},
    "ui.col.score": {"fr": "Score", "en": "Score"},
}

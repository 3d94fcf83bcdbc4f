"""Catalog part: the "My structure" page and its generated summary. Keys `ui.bench.*`,
`ui.summary.*`, `ui.quartile.*`, `ui.mark.*`, `ui.measure.*` and the table columns it adds."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
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
    "ui.bench.compare": {"fr": "Comparer avec (3 au plus)", "en": "Compare with (up to 3)"},
    "ui.bench.compare_search": {
        "fr": "Rechercher une structure à comparer",
        "en": "Search for a structure to compare",
    },
    "ui.bench.compare_placeholder": {"fr": "Choisir", "en": "Choose"},
    "ui.bench.compare_hint": {
        "fr": "Votre structure est toujours l'une des structures comparées. Mode nominatif : "
        "les noms des structures comparées sont affichés.",
        "en": "Your structure is always one of those compared. Named mode: the compared "
        "structures' names are shown.",
    },
    "ui.bench.compare_not_audited": {
        "fr": {
            "one": "Non auditée en {edition} : {names}.",
            "other": "Non auditées en {edition} : {names}.",
        },
        "en": {
            "one": "Not audited in {edition}: {names}.",
            "other": "Not audited in {edition}: {names}.",
        },
    },
    "ui.bench.peers_with_n": {
        "fr": "{label} (N = {structures})",
        "en": "{label} (N = {structures})",
    },
    "ui.bench.peers_disabled": {
        "fr": "{label} — indisponible : {reason}",
        "en": "{label} — unavailable: {reason}",
    },
    "ui.bench.peers_unavailable_alone": {
        "fr": "votre structure y serait seule",
        "en": "your structure would be alone in it",
    },
    "ui.bench.peers_unavailable_same_as_category": {
        "fr": "même groupe que la catégorie entière",
        "en": "the same group as the whole category",
    },
    "ui.bench.peers_unavailable_no_population": {
        "fr": "population de votre structure inconnue",
        "en": "your structure's population is unknown",
    },
    "ui.bench.peers_fell_back": {
        "fr": "Le groupe « {label} » n'est pas disponible pour cette édition : la catégorie entière est utilisée.",
        "en": "The group “{label}” is not available for this edition: the whole category is used.",
    },
    "ui.bench.empty_criteria": {
        "fr": "Aucun critère détaillé n'a été évalué pour cette structure en {edition}.",
        "en": "No detailed criterion was assessed for this structure in {edition}.",
    },
    "ui.bench.empty_trajectory": {
        "fr": "Cette structure n'a jamais été auditée{where} : pas d'évolution à montrer.",
        "en": "This structure was never audited{where}: no change to show.",
    },
    "ui.bench.single_edition": {
        "fr": "Une seule édition auditée{where} ({edition}) : pas d'évolution à montrer. Son score figure ci-dessus.",
        "en": "Only one edition audited{where} ({edition}): no change to show. Its score is shown above.",
    },
    "ui.bench.on_channel": {
        "fr": " sur le canal « {channel} »",
        "en": " on the “{channel}” channel",
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
        "fr": "Pairs en {edition} : {parts} — N = {structures} (la vôtre comprise).",
        "en": "Peers in {edition}: {parts} — N = {structures} (yours included).",
    },
    "ui.bench.def_category": {"fr": "catégorie « {category} »", "en": "category “{category}”"},
    "ui.bench.search_found": {
        "fr": {"one": "{n} résultat", "other": "{n} résultats"},
        "en": {"one": "{n} result", "other": "{n} results"},
    },
    "ui.bench.search_truncated": {
        "fr": "{shown} premiers résultats sur {total} : précisez votre recherche.",
        "en": "First {shown} results of {total}: refine your search.",
    },
    "ui.bench.fragile": {
        "fr": {
            "one": "Seulement {n} structure dans ce groupe : les comparaisons sont fragiles (ni centile ni quartile).",
            "other": "Seulement {n} structures dans ce groupe : les comparaisons sont fragiles (ni centile ni quartile).",
        },
        "en": {
            "one": "Only {n} structure in this group: comparisons are fragile (no percentile or quartile).",
            "other": "Only {n} structures in this group: comparisons are fragile (no percentile or quartile).",
        },
    },
    "ui.bench.card_global": {"fr": "Score global", "en": "Global score"},
    "ui.bench.card_rank": {"fr": "Rang", "en": "Rank"},
    "ui.bench.card_percentile": {"fr": "Centile", "en": "Percentile"},
    "ui.bench.card_quartile": {"fr": "Quartile", "en": "Quartile"},
    "ui.bench.card_median": {"fr": "Médiane des pairs", "en": "Peer median"},
    "ui.bench.card_best": {"fr": "Meilleur de la catégorie", "en": "Best in class"},
    "ui.bench.card_best_group": {"fr": "Meilleur du groupe", "en": "Best of the group"},
    "ui.bench.card_change": {"fr": "Évolution", "en": "Change"},
    "ui.bench.detail_tests": {"fr": "sur {tests}, {channels}", "en": "from {tests}, {channels}"},
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
        "fr": "Votre score (point orange) et son intervalle à 90 % (trait orange) face à la médiane (trait), "
        "au meilleur (triangle) et à l'intervalle Q1–Q3 des pairs (bande grise). « Non audité » : canal sans "
        "test, pas un zéro.",
        "en": "Your score (orange dot) and its 90% interval (orange bar) against the peer median (tick), the "
        "best (triangle) and the peers' Q1–Q3 range (grey band). “Not audited”: no test on that channel, "
        "not a zero.",
    },
    "ui.bench.criteria_title": {
        "fr": "Critères : écart à la médiane des pairs",
        "en": "Criteria: gap to the peer median",
    },
    "ui.bench.criteria_description": {
        "fr": "Score du critère moins la médiane des pairs, du plus faible au plus fort. Point fort : "
        "quartile supérieur des pairs ; point faible : quartile inférieur.",
        "en": "Criterion score minus the peer median, weakest first. Strength: top quartile; "
        "weakness: bottom quartile.",
    },
    "ui.bench.measures_title": {"fr": "Mesures par canal", "en": "Channel measures"},
    "ui.bench.measures_description": {
        "fr": "Vos mesures face à celles des pairs qui ont la mesure cette édition : pour une part "
        "(%), la part sur l'ensemble des tests des pairs ; pour les sonneries (moins, c'est "
        "mieux), la médiane des moyennes des pairs. Une part tirée d'un ou deux tests reste très "
        "incertaine.",
        "en": "Your measures against those of the peers that have the measure this edition: for a "
        "share (%), the share over all the peers' tests; for rings (lower is better), the median "
        "of the peers' means. A share from one or two tests is very uncertain.",
    },
    "ui.bench.trajectory_title": {
        "fr": "Évolution d'une édition à l'autre",
        "en": "Change over the editions",
    },
    "ui.bench.trajectory_description": {
        "fr": "Votre score à chaque édition où vous avez été audité, avec son intervalle à 90 % "
        "(bande orange), face à la médiane et à l'intervalle Q1–Q3 des pairs de la même édition. "
        "Les lignes pointillées marquent un changement de méthode.",
        "en": "Your score in each edition you were audited in, with its 90% interval (orange "
        "band), against the median and Q1–Q3 range of that edition's peers. Dotted lines mark a "
        "change of method.",
    },
    "ui.bench.distribution_title": {"fr": "Vous parmi vos pairs", "en": "You among your peers"},
    "ui.bench.distribution_description": {
        "fr": "Score global de chaque pair (anonyme, numéroté du meilleur au moins bon) ; votre "
        "structure est le losange orange. La case ci-dessous montre aussi le rang de chacun avec "
        "son intervalle à 90 %.",
        "en": "Each peer's global score (anonymous, numbered from best to worst); your structure is "
        "the orange diamond. The box below also shows each one's rank with its 90% interval.",
    },
    "ui.bench.distribution_description_named": {
        "fr": "Score global de chaque pair (mode consultant : pairs nommés) ; votre structure est le "
        "losange orange. La case ci-dessous montre aussi le rang de chacun avec son intervalle à "
        "90 %.",
        "en": "Each peer's global score (consultant mode: named peers); your structure is the orange "
        "diamond. The box below also shows each one's rank with its 90% interval.",
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
    "ui.bench.hover_median": {
        "fr": "%{text} — médiane : %{x:.1f} (%{customdata})",
        "en": "%{text} — median: %{x:.1f} (%{customdata})",
    },
    "ui.bench.hover_best": {
        "fr": "%{text} — meilleur : %{x:.1f} (%{customdata})",
        "en": "%{text} — best: %{x:.1f} (%{customdata})",
    },
    "ui.bench.hover_own": {
        "fr": "%{text} — vous : %{x:.1f} (%{customdata[0]} ; %{customdata[1]})",
        "en": "%{text} — you: %{x:.1f} (%{customdata[0]}; %{customdata[1]})",
    },
    "ui.bench.hover_median_edition": {
        "fr": "%{x} — médiane : %{y:.1f} (%{customdata})",
        "en": "%{x} — median: %{y:.1f} (%{customdata})",
    },
    "ui.bench.hover_own_edition": {
        "fr": "%{x} — vous : %{y:.1f} (%{customdata[0]} ; %{customdata[1]})",
        "en": "%{x} — you: %{y:.1f} (%{customdata[0]}; %{customdata[1]})",
    },
    "ui.bench.hover_criterion": {
        "fr": "%{y}<br>vous : %{customdata[0]:.1f} (%{customdata[2]} ; %{customdata[3]})"
        "<br>médiane : %{customdata[1]:.1f} (%{customdata[4]})",
        "en": "%{y}<br>you: %{customdata[0]:.1f} (%{customdata[2]}; %{customdata[3]})"
        "<br>median: %{customdata[1]:.1f} (%{customdata[4]})",
    },
    "ui.bench.hover_peer": {"fr": "%{text} : %{x:.1f}", "en": "%{text}: %{x:.1f}"},
    "ui.bench.hover_compare": {
        "fr": "%{fullData.name}<br>%{x} : %{y:.1f}",
        "en": "%{fullData.name}<br>%{x}: %{y:.1f}",
    },
    "ui.bench.not_audited": {"fr": "non audité", "en": "not audited"},
    "ui.bench.marked_label": {"fr": "{label} — {mark}", "en": "{label} — {mark}"},
    "ui.bench.gap_axis": {"fr": "Écart à la médiane (points)", "en": "Gap to the median (points)"},
    "ui.bench.global": {"fr": "Score global", "en": "Global score"},
    "ui.bench.peer_label": {"fr": "Pair {n}", "en": "Peer {n}"},
    "ui.bench.method_channel": {"fr": "ajout : {names}", "en": "added: {names}"},
    "ui.bench.method_criteria": {
        "fr": {"one": "{n} critère ajouté", "other": "{n} critères ajoutés"},
        "en": {"one": "{n} criterion added", "other": "{n} criteria added"},
    },
    # Contract v1.1, §5: bottom below Q1; second Q1 to below the median; third the median to
    # below Q3; top Q3 or above.
    "ui.quartile.bottom": {"fr": "quartile inférieur", "en": "bottom quartile"},
    "ui.quartile.second": {
        "fr": "deuxième quartile (sous la médiane)",
        "en": "second quartile (below the median)",
    },
    "ui.quartile.third": {
        "fr": "troisième quartile (au-dessus de la médiane)",
        "en": "third quartile (above the median)",
    },
    "ui.quartile.top": {"fr": "quartile supérieur", "en": "top quartile"},
    "ui.mark.strength": {"fr": "point fort", "en": "strength"},
    "ui.mark.weakness": {"fr": "point faible", "en": "weakness"},
    "ui.measure.phone_mean_rings": {
        "fr": "Sonneries avant décroché (moyenne ; moins, c'est mieux)",
        "en": "Rings before pick-up (mean; lower is better)",
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
        "fr": "{name} obtient {score} sur 100 en {edition}{interval} : {rank} parmi les « {group} »{narrowing} (médiane {median}).",
        "en": "{name} scores {score} out of 100 in {edition}{interval}: {rank} among “{group}”{narrowing} (median {median}).",
    },
    "ui.bench.narrow_region": {"fr": " de la région {region}", "en": " in the {region} region"},
    "ui.bench.narrow_band": {
        "fr": " de {low} à {high} habitants",
        "en": " of {low} to {high} inhabitants",
    },
    "ui.bench.narrow_band_open": {
        "fr": " de {low} habitants ou plus",
        "en": " of {low} inhabitants or more",
    },
    "ui.count.tests": {
        "fr": {"one": "{n} test", "other": "{n} tests"},
        "en": {"one": "{n} test", "other": "{n} tests"},
    },
    "ui.count.structures": {
        "fr": {"one": "{n} structure", "other": "{n} structures"},
        "en": {"one": "{n} structure", "other": "{n} structures"},
    },
    "ui.count.peers": {
        "fr": {"one": "{n} pair", "other": "{n} pairs"},
        "en": {"one": "{n} peer", "other": "{n} peers"},
    },
    "ui.count.channels": {
        "fr": {"one": "{n} canal", "other": "{n} canaux"},
        "en": {"one": "{n} channel", "other": "{n} channels"},
    },
    "ui.summary.fragile": {
        "fr": {
            "one": "Avec {n} structure seulement, ces comparaisons sont fragiles.",
            "other": "Avec {n} structures seulement, ces comparaisons sont fragiles.",
        },
        "en": {
            "one": "With only {n} structure, these comparisons are fragile.",
            "other": "With only {n} structures, these comparisons are fragile.",
        },
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
        "fr": "{subject} dans le quartile inférieur de vos pairs : {own} sonneries en moyenne contre {median} pour la médiane.",
        "en": "{subject} in the bottom quartile of your peers: {own} rings on average against {median} for the median.",
    },
    "ui.summary.weak_channel_pct": {
        "fr": "{subject} dans le quartile inférieur de vos pairs : {what} {own} contre {peers} sur l'ensemble des tests de vos pairs.",
        "en": "{subject} in the bottom quartile of your peers: {what} {own} against {peers} over all your peers' tests.",
    },
    "ui.summary.weak_channel": {
        "fr": "{subject} dans le quartile inférieur de vos pairs : {own} sur 100 contre {median} pour la médiane.",
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
        "fr": "Critère à travailler en premier : {criterion} ({own} contre {median} pour la médiane de vos pairs ; {to_median} points pour l'atteindre, {to_q3} pour atteindre leur troisième quartile ; {detail}).",
        "en": "Criterion to work on first: {criterion} ({own} against {median} for your peers' median; {to_median} points to reach it, {to_q3} to reach their third quartile; {detail}).",
    },
    "ui.col.own_score": {"fr": "Votre score", "en": "Your score"},
    "ui.col.own_value": {"fr": "Votre valeur", "en": "Your value"},
    "ui.col.own_tests": {"fr": "Vos tests", "en": "Your tests"},
    "ui.col.peer_value": {"fr": "Valeur des pairs", "en": "Peers' value"},
    "ui.col.peer_basis": {"fr": "Calcul pour les pairs", "en": "Peers' value is"},
    "ui.col.peer_tests": {"fr": "Tests des pairs", "en": "Peers' tests"},
    "ui.basis.pooled": {
        "fr": "part sur l'ensemble de leurs tests",
        "en": "the share over all their tests",
    },
    "ui.basis.median": {
        "fr": "médiane de leurs moyennes",
        "en": "the median of their means",
    },
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

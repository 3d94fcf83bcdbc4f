"""Catalog part: honest comparisons (issue 16, contract §5b): how sure each figure is, rank
intervals, changes that are (or are not) changes, like-for-like trends and where to act
first, on both pages. Keys `ui.honest.*`, `ui.verdict.*`, `ui.source.*`, `ui.quadrant.*` and
the table columns they add."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    "ui.honest.separator": {"fr": " ; ", "en": "; "},
    "ui.honest.points": {"fr": "{value} points", "en": "{value} points"},
    # --- A score's 90 % interval --------------------------------------------------------------
    "ui.honest.interval": {
        "fr": "intervalle à 90 % : {interval}",
        "en": "90% interval: {interval}",
    },
    "ui.honest.no_interval": {
        "fr": "pas d'intervalle : trop peu de structures ont plusieurs tests pour mesurer la dispersion",
        "en": "no interval: too few structures have several tests to measure the spread",
    },
    "ui.honest.no_interval_short": {
        "fr": "intervalle non mesurable",
        "en": "no measurable interval",
    },
    "ui.honest.few_tests": {
        "fr": {"one": "sur {n} test seulement", "other": "sur {n} tests seulement"},
        "en": {"one": "from only {n} test", "other": "from only {n} tests"},
    },
    "ui.honest.legend_interval": {"fr": "Votre intervalle à 90 %", "en": "Your 90% interval"},
    "ui.source.own": {"fr": "propre", "en": "its own"},
    "ui.source.pooled": {
        "fr": "empruntée à l'ensemble de l'édition",
        "en": "borrowed from the whole edition",
    },
    "ui.source.none": {"fr": "non mesurable", "en": "cannot be measured"},
    "ui.honest.note_pooled": {
        "fr": {
            "one": "{names} : trop peu de structures y ont plusieurs tests ; son intervalle emprunte la dispersion de l'ensemble de l'édition.",
            "other": "{names} : trop peu de structures y ont plusieurs tests ; leurs intervalles empruntent la dispersion de l'ensemble de l'édition.",
        },
        "en": {
            "one": "{names}: too few structures have several tests there; its interval borrows the spread of the whole edition.",
            "other": "{names}: too few structures have several tests there; their intervals borrow the spread of the whole edition.",
        },
    },
    "ui.honest.note_none": {
        "fr": {
            "one": "{names} : pas d'intervalle, car même sur l'ensemble de l'édition trop peu de structures ont plusieurs tests (moins de 10 degrés de liberté).",
            "other": "{names} : pas d'intervalle, car même sur l'ensemble de l'édition trop peu de structures ont plusieurs tests (moins de 10 degrés de liberté).",
        },
        "en": {
            "one": "{names}: no interval, because even over the whole edition too few structures have several tests (fewer than 10 degrees of freedom).",
            "other": "{names}: no interval, because even over the whole edition too few structures have several tests (fewer than 10 degrees of freedom).",
        },
    },
    # --- Ranks ----------------------------------------------------------------------------------
    "ui.honest.rank": {"fr": "rang {rank} / {n} ({range})", "en": "rank {rank} / {n} ({range})"},
    "ui.honest.rank_plain": {"fr": "rang {rank} / {n}", "en": "rank {rank} / {n}"},
    "ui.honest.rank_between": {
        "fr": "entre {low} et {high} avec 90 % de confiance",
        "en": "between {low} and {high} with 90% confidence",
    },
    "ui.honest.rank_exact": {
        "fr": "rang {rank} avec 90 % de confiance",
        "en": "rank {rank} with 90% confidence",
    },
    "ui.honest.rank_range_value": {
        "fr": "{low} à {high} / {n}",
        "en": "{low} to {high} / {n}",
    },
    "ui.honest.rank_fragile": {
        "fr": "rang entre {low} et {high} sur {n} avec 90 % de confiance",
        "en": "rank between {low} and {high} of {n} with 90% confidence",
    },
    "ui.honest.rank_fragile_detail": {
        "fr": "intervalle à 90 % ; au score observé, rang {rank} ; moins de 5 structures : l'intervalle plutôt qu'un rang",
        "en": "90% interval; at the observed score, rank {rank}; fewer than 5 structures: the interval rather than a rank",
    },
    "ui.honest.quartile_span": {
        "fr": "avec la marge de mesure : du {low} au {high}",
        "en": "allowing for measurement noise: from the {low} to the {high}",
    },
    # --- Changes --------------------------------------------------------------------------------
    "ui.verdict.rise": {
        "fr": "hausse (au-delà de la marge de mesure)",
        "en": "rise (beyond measurement noise)",
    },
    "ui.verdict.fall": {
        "fr": "baisse (au-delà de la marge de mesure)",
        "en": "fall (beyond measurement noise)",
    },
    "ui.verdict.stable": {
        "fr": "stable (dans la marge de mesure)",
        "en": "stable (within measurement noise)",
    },
    "ui.verdict.unknown": {
        "fr": "marge de mesure inconnue : ni hausse ni baisse établie",
        "en": "measurement noise unknown: no rise or fall established",
    },
    "ui.honest.margin": {"fr": "marge à 90 % : ± {margin}", "en": "90% margin: ± {margin}"},
    "ui.honest.both_n": {
        "fr": "{now} en {edition}, {past} en {past_edition}",
        "en": "{now} in {edition}, {past} in {past_edition}",
    },
    "ui.honest.change_noise": {
        "fr": "(dans la marge de mesure)",
        "en": "(within measurement noise)",
    },
    # --- The summary ----------------------------------------------------------------------------
    "ui.honest.summary_interval": {"fr": " ({detail})", "en": " ({detail})"},
    "ui.honest.summary_few_tests": {
        "fr": {
            "one": "Ce score ne repose que sur {n} test : à lire avec prudence.",
            "other": "Ce score ne repose que sur {n} tests : à lire avec prudence.",
        },
        "en": {
            "one": "This score rests on only {n} test: read it with care.",
            "other": "This score rests on only {n} tests: read it with care.",
        },
    },
    "ui.honest.summary_few_tests_edition": {
        "fr": {
            "one": "En {edition}, votre score ne reposait que sur {n} test.",
            "other": "En {edition}, votre score ne reposait que sur {n} tests.",
        },
        "en": {
            "one": "In {edition}, your score rested on only {n} test.",
            "other": "In {edition}, your score rested on only {n} tests.",
        },
    },
    "ui.honest.summary_quartile_span": {
        "fr": "Au score observé, vous êtes dans le {quartile} ; avec la marge de mesure, vous pouvez être du {low} au {high}.",
        "en": "At the observed score you are in the {quartile}; allowing for measurement noise, you may be anywhere from the {low} to the {high}.",
    },
    "ui.honest.summary_rise": {
        "fr": "Votre score est en hausse de {size} points depuis {edition}, au-delà de la marge de mesure ({detail}).",
        "en": "Your score rose by {size} points since {edition}, beyond measurement noise ({detail}).",
    },
    "ui.honest.summary_fall": {
        "fr": "Votre score est en baisse de {size} points depuis {edition}, au-delà de la marge de mesure ({detail}).",
        "en": "Your score fell by {size} points since {edition}, beyond measurement noise ({detail}).",
    },
    "ui.honest.summary_stable": {
        "fr": "Depuis {edition}, votre score est stable (dans la marge de mesure) : {change} points ({detail}).",
        "en": "Since {edition}, your score is stable (within measurement noise): {change} points ({detail}).",
    },
    "ui.honest.summary_unknown": {
        "fr": "Depuis {edition} : {change} points, mais la marge de mesure n'est pas connue ; ni hausse ni baisse n'est établie ({detail}).",
        "en": "Since {edition}: {change} points, but the measurement noise is unknown; no rise or fall is established ({detail}).",
    },
    "ui.honest.summary_channel_uncertain": {
        "fr": "Sur {tests}, l'intervalle à 90 % de ce score ({interval}) atteint {bound} : à confirmer.",
        "en": "From {tests}, this score's 90% interval ({interval}) reaches {bound}: to be confirmed.",
    },
    "ui.honest.summary_channel_few_tests": {
        "fr": {"one": "(Sur {n} test seulement.)", "other": "(Sur {n} tests seulement.)"},
        "en": {"one": "(From only {n} test.)", "other": "(From only {n} tests.)"},
    },
    "ui.honest.summary_gap_in_noise": {
        "fr": "Cet écart reste dans la marge de mesure.",
        "en": "This gap is within measurement noise.",
    },
    "ui.honest.summary_above_median": {
        "fr": "Tous vos critères sont au niveau de la médiane de vos pairs ou au-dessus. Pour progresser encore : {criterion}, à {to_q3} points du troisième quartile (Q3) de vos pairs ({tests}).",
        "en": "All your criteria are at or above your peers' median. To go further: {criterion}, {to_q3} points short of your peers' third quartile (Q3) ({tests}).",
    },
    "ui.honest.summary_all_top": {
        "fr": "Tous vos critères atteignent le troisième quartile (Q3) de vos pairs.",
        "en": "All your criteria reach your peers' third quartile (Q3).",
    },
    "ui.honest.summary_few_peers": {
        "fr": {
            "one": "(Comparaison sur {n} pair seulement.)",
            "other": "(Comparaison sur {n} pairs seulement.)",
        },
        "en": {
            "one": "(Compared with only {n} peer.)",
            "other": "(Compared with only {n} peers.)",
        },
    },
    # --- Where to act first ---------------------------------------------------------------------
    "ui.honest.act_title": {
        "fr": "Où agir en premier : importance et écart aux pairs",
        "en": "Where to act first: importance and gap to peers",
    },
    "ui.honest.act_description": {
        "fr": "Chaque critère (ou canal) selon votre écart à la médiane de vos pairs (horizontal) et son importance : "
        "sa corrélation avec le score global sur toutes les structures de l'édition (vertical). Importants et sous "
        "la médiane : à traiter en priorité. Le trait horizontal est votre intervalle à 90 %.",
        "en": "Each criterion (or channel) by your gap to your peers' median (across) and its importance: its "
        "correlation with the global score over every structure of the edition (up). Important and below the "
        "median: act first. The horizontal bar is your 90% interval.",
    },
    "ui.honest.act_view": {"fr": "Voir", "en": "Show"},
    "ui.honest.act_view_criterion": {"fr": "les critères", "en": "the criteria"},
    "ui.honest.act_view_channel": {"fr": "les canaux", "en": "the channels"},
    "ui.honest.ipa_x_axis": {
        "fr": "Écart à la médiane des pairs (points)",
        "en": "Gap to the peer median (points)",
    },
    "ui.honest.ipa_y_axis": {
        "fr": "Importance (corrélation avec le score global)",
        "en": "Importance (correlation with the global score)",
    },
    "ui.honest.legend_interval_gap": {
        "fr": "Votre intervalle à 90 % (en écart)",
        "en": "Your 90% interval (as a gap)",
    },
    "ui.honest.hover_ipa": {
        "fr": "%{text}<br>vous : %{customdata[0]} (%{customdata[1]} ; intervalle à 90 % : %{customdata[2]})"
        "<br>médiane des pairs : %{customdata[3]} (%{customdata[4]})"
        "<br>importance : %{customdata[5]} (%{customdata[6]})",
        "en": "%{text}<br>you: %{customdata[0]} (%{customdata[1]}; 90% interval: %{customdata[2]})"
        "<br>peer median: %{customdata[3]} (%{customdata[4]})"
        "<br>importance: %{customdata[5]} (%{customdata[6]})",
    },
    "ui.quadrant.act_first": {"fr": "Agir en premier", "en": "Act first"},
    "ui.quadrant.keep_it_up": {"fr": "À maintenir", "en": "Keep it up"},
    "ui.quadrant.secondary": {"fr": "Secondaire", "en": "Secondary"},
    "ui.honest.note_unclassified": {
        "fr": {
            "one": "Non placé (importance non mesurable : moins de 10 structures avec les deux scores) : {names}.",
            "other": "Non placés (importance non mesurable : moins de 10 structures avec les deux scores) : {names}.",
        },
        "en": {
            "one": "Not placed (importance cannot be measured: fewer than 10 structures with both scores): {names}.",
            "other": "Not placed (importance cannot be measured: fewer than 10 structures with both scores): {names}.",
        },
    },
    "ui.honest.note_few_peers": {
        "fr": {
            "one": "Médiane de moins de 5 pairs, comparaison fragile : {names}.",
            "other": "Médianes de moins de 5 pairs, comparaisons fragiles : {names}.",
        },
        "en": {
            "one": "Median of fewer than 5 peers, a fragile comparison: {names}.",
            "other": "Medians of fewer than 5 peers, fragile comparisons: {names}.",
        },
    },
    "ui.honest.empty_act_channel": {
        "fr": "Aucun canal n'a été audité pour cette structure en {edition}.",
        "en": "No channel was audited for this structure in {edition}.",
    },
    "ui.honest.empty_importance": {
        "fr": "L'importance ne peut pas être mesurée en {edition} : moins de 10 structures ont à la fois ce score et un score global. La liste d'actions ci-dessous reste valable.",
        "en": "Importance cannot be measured in {edition}: fewer than 10 structures have both this score and a global score. The action list below still holds.",
    },
    "ui.honest.actions_title": {
        "fr": "Par où commencer : vos trois premiers leviers",
        "en": "Where to start: your first three levers",
    },
    "ui.honest.actions_description": {
        "fr": "Sur les critères ou les canaux, comme « Où agir en premier » : d'abord les leviers importants sous la médiane, "
        "puis les autres sous la médiane, puis le reste ; avec les points à gagner pour atteindre la médiane et le "
        "troisième quartile (Q3) de vos pairs, vos tests et votre intervalle à 90 %.",
        "en": "Over the criteria or the channels, as in “Where to act first”: important levers below the median first, then the "
        "others below the median, then the rest; with the points to gain to reach your peers' median and third "
        "quartile (Q3), your tests and your 90% interval.",
    },
    # --- Every peer's rank interval -------------------------------------------------------------
    "ui.honest.intervals_control": {
        "fr": "Montrer l'intervalle de rang de chaque pair",
        "en": "Show every peer's rank interval",
    },
    "ui.honest.rank_axis": {"fr": "Rang (1 = meilleur)", "en": "Rank (1 = best)"},
    "ui.honest.legend_peer_ranks": {
        "fr": "Intervalle de rang à 90 % d'un pair",
        "en": "A peer's 90% rank interval",
    },
    "ui.honest.legend_own_rank": {
        "fr": "Votre intervalle de rang à 90 %",
        "en": "Your 90% rank interval",
    },
    "ui.honest.hover_peer_rank": {
        "fr": "%{customdata[0]} : %{x:.1f}<br>rang %{y} (%{customdata[1]})",
        "en": "%{customdata[0]}: %{x:.1f}<br>rank %{y} (%{customdata[1]})",
    },
    "ui.honest.note_peer_ranks": {
        "fr": "Chaque trait vertical va du meilleur au moins bon rang qu'un pair peut avoir avec 90 % de confiance, "
        "compte tenu de la marge de mesure de chaque score (2 000 tirages). Des traits qui se chevauchent : des "
        "rangs que le baromètre ne permet pas de départager.",
        "en": "Each vertical bar runs from the best to the worst rank a peer may hold with 90% confidence, given "
        "each score's measurement noise (2,000 draws). Overlapping bars: ranks the barometer cannot tell apart.",
    },
    # --- Table columns --------------------------------------------------------------------------
    "ui.col.low": {"fr": "Intervalle à 90 % : bas", "en": "90% interval: low"},
    "ui.col.high": {"fr": "Intervalle à 90 % : haut", "en": "90% interval: high"},
    "ui.col.source": {"fr": "Dispersion utilisée", "en": "Spread used"},
    "ui.col.rank_low": {"fr": "Meilleur rang (90 %)", "en": "Best rank (90%)"},
    "ui.col.rank_high": {"fr": "Moins bon rang (90 %)", "en": "Worst rank (90%)"},
    "ui.col.lever": {"fr": "Levier", "en": "Lever"},
    "ui.col.priority": {"fr": "Ordre", "en": "Order"},
    "ui.col.to_median": {
        "fr": "Points pour atteindre la médiane",
        "en": "Points to reach the median",
    },
    "ui.col.to_q3": {"fr": "Points pour atteindre Q3", "en": "Points to reach Q3"},
    "ui.col.importance": {"fr": "Importance (corrélation)", "en": "Importance (correlation)"},
    "ui.col.importance_n": {
        "fr": "Structures (importance)",
        "en": "Structures (importance)",
    },
    "ui.col.quadrant": {"fr": "Position", "en": "Position"},
    # --- The overview: cards, trend --------------------------------------------------------------
    "ui.honest.plain": {"fr": "{value}", "en": "{value}"},
    "ui.honest.basis_past": {"fr": " ({n} en {edition})", "en": " ({n} in {edition})"},
    "ui.honest.card_change": {"fr": "{change} : {verdict}", "en": "{change}: {verdict}"},
    "ui.honest.card_lfl": {
        "fr": {
            "one": "à périmètre constant : {change} ({n} structure présente les deux années)",
            "other": "à périmètre constant : {change} ({n} structures présentes les deux années)",
        },
        "en": {
            "one": "like for like: {change} ({n} structure present in both years)",
            "other": "like for like: {change} ({n} structures present in both years)",
        },
    },
    "ui.honest.card_global_mean": {"fr": "Score global moyen", "en": "Mean global score"},
    "ui.honest.series_label": {"fr": "Série", "en": "Series"},
    "ui.honest.series_plain": {
        "fr": "moyennes de groupe",
        "en": "group means",
    },
    "ui.honest.series_like_for_like": {
        "fr": "à périmètre constant (mêmes structures d'une édition à l'autre)",
        "en": "like for like (the same structures from one edition to the next)",
    },
    "ui.honest.lfl_axis": {
        "fr": "{title}, à périmètre constant",
        "en": "{title}, like for like",
    },
    "ui.honest.trend_hover_lfl": {
        "fr": "%{x} : %{y:.1f} à périmètre constant<br>panel : %{customdata[0]} structures aussi auditées à l'édition précédente (sur %{customdata[1]})",
        "en": "%{x}: %{y:.1f} like for like<br>panel: %{customdata[0]} structures also audited in the previous edition (of %{customdata[1]})",
    },
    "ui.honest.score_hover": {"fr": "%{x:.1f}", "en": "%{x:.1f}"},
    "ui.honest.trend_note_plain": {
        "fr": "Moyennes de groupe : les structures auditées changent d'une édition à l'autre, une partie de l'évolution vient de là. "
        "Choisissez « à périmètre constant » pour ne suivre que les mêmes structures.",
        "en": "Group means: the structures audited change from one edition to the next, and part of the change comes from that. "
        "Choose “like for like” to follow the same structures only.",
    },
    "ui.honest.trend_note_lfl": {
        "fr": "À périmètre constant : le premier point est la moyenne de groupe ; chaque point suivant lui ajoute l'évolution "
        "moyenne des seules structures auditées aux deux éditions (le panel, donné au survol et dans le tableau).",
        "en": "Like for like: the first point is the group mean; each next point adds the mean change of the structures "
        "audited in both editions only (the panel, given on hover and in the table).",
    },
    "ui.honest.trend_note_broken": {
        "fr": "La série s'interrompt là où aucune structure n'était auditée aux deux éditions : {names}.",
        "en": "The series stops where no structure was audited in both editions: {names}.",
    },
    "ui.col.like_for_like": {
        "fr": "Série à périmètre constant",
        "en": "Like-for-like series",
    },
    "ui.col.panel": {
        "fr": "Panel (aussi à l'édition précédente)",
        "en": "Panel (also in the previous edition)",
    },
}

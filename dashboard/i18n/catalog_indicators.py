"""Catalog part: public indicator tables (contract §7). Keys are `validation.indicators.*`
(problems found in a file: `Problem.message` reads `validation.<code>`), `cli.indicators.*`
(the `indicators` commands) and `indicators.*` (texts of the core: the map legend).

Placeholders of problems: {file}, {row}, {column}, {value}, and the problem's params. French
texts are written with plain spaces; the catalog adds the no-break spaces.
"""

from __future__ import annotations

_FORMATS_FR = (
    "le format long du contrat (entity_code, entity_label, indicator_id, indicator_label, "
    "period, value) ou un fichier détaillé du Baromètre des résultats de l'action publique "
    "tel que publié (code_departement ou code_region, id_indicateur, indicateur, date, valeur)"
)
_FORMATS_EN = (
    "the contract's long format (entity_code, entity_label, indicator_id, indicator_label, "
    "period, value) or a detail file of the Baromètre des résultats de l'action publique as "
    "published (code_departement or code_region, id_indicateur, indicateur, date, valeur)"
)
_DEPARTMENTS_FR = "01 à 95, 2A, 2B, 971, 972, 973, 974 ou 976"
_DEPARTMENTS_EN = "01 to 95, 2A, 2B, 971, 972, 973, 974 or 976"

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    # --- Reading the file -----------------------------------------------------------------
    "validation.indicators.file_not_found": {
        "fr": "« {file} » est introuvable : attendu un fichier .csv ou .xlsx d'indicateurs "
        "publics.",
        "en": "“{file}” was not found: expected a .csv or .xlsx file of public indicators.",
    },
    "validation.indicators.unsupported_file": {
        "fr": "« {file} » n'est pas un format pris en charge (extension « {suffix} ») : attendu "
        "un fichier .csv ou .xlsx.",
        "en": "“{file}” is not a supported format (extension “{suffix}”): expected a .csv or "
        ".xlsx file.",
    },
    "validation.indicators.not_xlsx": {
        "fr": "« {file} » n'est pas un classeur Excel lisible : attendu un fichier .xlsx dont "
        "une feuille contient la table d'indicateurs.",
        "en": "“{file}” is not a readable Excel workbook: expected an .xlsx file with the "
        "indicator table on one of its sheets.",
    },
    "validation.indicators.sheet_empty": {
        "fr": "Le classeur « {file} » n'a que des feuilles vides : attendu une feuille avec "
        "une ligne d'en-têtes puis les données.",
        "en": "The workbook “{file}” has only empty sheets: expected a sheet with a header row "
        "and then the data.",
    },
    "validation.indicators.unreadable": {
        "fr": "Impossible de lire « {file} » : attendu un fichier .csv ou .xlsx.",
        "en": "“{file}” cannot be read: expected a .csv or .xlsx file.",
    },
    "validation.indicators.synthesis_file": {
        "fr": "« {file} » est un fichier de synthèse du Baromètre des résultats (une ligne par "
        "territoire et par indicateur, avec valeur_actuelle, valeur_initiale et cible) : il "
        "n'est pas importé. Importez le fichier détaillé correspondant (son nom contient "
        "« detail », par exemple …-detail-departemental.csv), qui donne une ligne par date.",
        "en": "“{file}” is a synthesis file of the Baromètre des résultats (one row per "
        "territory and indicator, with valeur_actuelle, valeur_initiale and cible): it is not "
        "imported. Import the matching detail file instead (its name holds “detail”, for "
        "example …-detail-departemental.csv), which has one row per date.",
    },
    # --- Columns --------------------------------------------------------------------------
    "validation.indicators.missing_column": {
        "fr": "La colonne obligatoire « {column} » est absente : attendu les colonnes "
        "{expected}, dans " + _FORMATS_FR + ".",
        "en": "The required column “{column}” is missing: expected the columns {expected}, in "
        + _FORMATS_EN
        + ".",
    },
    "validation.indicators.duplicate_column": {
        "fr": "La colonne « {column} » apparaît plusieurs fois (en-tête « {header} » en plus de "
        "« {first} ») : attendu une seule colonne de ce nom.",
        "en": "The column “{column}” appears more than once (header “{header}” besides "
        "“{first}”): expected a single column of that name.",
    },
    "validation.indicators.table_empty": {
        "fr": "Le fichier « {file} » ne contient aucune ligne de données : attendu au moins une "
        "ligne sous les en-têtes.",
        "en": "The file “{file}” has no data row: expected at least one row below the headers.",
    },
    # --- Entities -------------------------------------------------------------------------
    "validation.indicators.level_invalid": {
        "fr": "« {value} » n'est pas un niveau de territoire : attendu {expected} (ou une "
        "cellule vide : département par défaut).",
        "en": "“{value}” is not a territory level: expected {expected} (or an empty cell: "
        "department by default).",
    },
    "validation.indicators.unknown_department": {
        "fr": "« {value} » n'est pas un code de département : attendu un code INSEE de "
        "département (" + _DEPARTMENTS_FR + "), écrit comme du texte.",
        "en": "“{value}” is not a department code: expected an INSEE department code ("
        + _DEPARTMENTS_EN
        + "), written as text.",
    },
    "validation.indicators.department_leading_zero": {
        "fr": "« {value} » n'est pas un code de département : vouliez-vous dire « {suggestion} » ? "
        "(le tableur a sans doute supprimé le zéro initial ; mettez la colonne au format "
        "texte).",
        "en": "“{value}” is not a department code: did you mean “{suggestion}”? (the "
        "spreadsheet has probably dropped the leading zero; format the column as text).",
    },
    "validation.indicators.department_as_number": {
        "fr": "« {value} » n'est pas un code de département : vouliez-vous dire « {suggestion} » ? "
        "(le code a été enregistré comme un nombre décimal ; mettez la colonne au format "
        "texte).",
        "en": "“{value}” is not a department code: did you mean “{suggestion}”? (the code was "
        "saved as a decimal number; format the column as text).",
    },
    "validation.indicators.department_did_you_mean": {
        "fr": "« {value} » n'est pas un code de département : vouliez-vous dire « {suggestion} » "
        "({label}) ? Attendu le code INSEE du département.",
        "en": "“{value}” is not a department code: did you mean “{suggestion}” ({label})? "
        "Expected the INSEE code of the department.",
    },
    "validation.indicators.unknown_region": {
        "fr": "« {value} » n'est pas un code de région : attendu le code INSEE d'une des 18 "
        "régions actuelles (01, 02, 03, 04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, "
        "94), écrit comme du texte.",
        "en": "“{value}” is not a region code: expected the INSEE code of one of the 18 current "
        "regions (01, 02, 03, 04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94), "
        "written as text.",
    },
    "validation.indicators.region_leading_zero": {
        "fr": "« {value} » n'est pas un code de région : vouliez-vous dire « {suggestion} » ? "
        "(le tableur a sans doute supprimé le zéro initial ; mettez la colonne au format "
        "texte).",
        "en": "“{value}” is not a region code: did you mean “{suggestion}”? (the spreadsheet "
        "has probably dropped the leading zero; format the column as text).",
    },
    "validation.indicators.region_as_number": {
        "fr": "« {value} » n'est pas un code de région : vouliez-vous dire « {suggestion} » ? "
        "(le code a été enregistré comme un nombre décimal ; mettez la colonne au format "
        "texte).",
        "en": "“{value}” is not a region code: did you mean “{suggestion}”? (the code was saved "
        "as a decimal number; format the column as text).",
    },
    "validation.indicators.region_did_you_mean": {
        "fr": "« {value} » n'est pas un code de région : vouliez-vous dire « {suggestion} » "
        "({label}) ? Attendu le code INSEE de la région.",
        "en": "“{value}” is not a region code: did you mean “{suggestion}” ({label})? Expected "
        "the INSEE code of the region.",
    },
    "validation.indicators.code_needs_level": {
        "fr": "« {value} » n'est pas un code de département, et cette ligne ne dit pas son "
        "niveau : attendu un code de département (" + _DEPARTMENTS_FR + "), ou une colonne "
        "entity_level qui dise « region » ou « other » pour les autres territoires.",
        "en": "“{value}” is not a department code, and this row does not give its level: "
        "expected a department code (" + _DEPARTMENTS_EN + "), or an entity_level column "
        "saying “region” or “other” for other territories.",
    },
    "validation.indicators.looks_like_region": {
        "fr": "Le code « {value} » est lu comme le département {department_label} (aucun niveau "
        "indiqué), mais son libellé « {label} » est le nom de la région de même code : attendu "
        "une colonne entity_level qui dise « region » pour une table régionale.",
        "en": "The code “{value}” is read as the department {department_label} (no level "
        "given), but its label “{label}” is the name of the region with that code: expected an "
        "entity_level column saying “region” for a regional table.",
    },
    "validation.indicators.entity_label_conflict": {
        "fr": "Le territoire « {entity} » porte ici le libellé « {value} », et « {first_label} » "
        "à la ligne {first_row} : le premier libellé est affiché partout.",
        "en": "The territory “{entity}” is labelled “{value}” here, and “{first_label}” on row "
        "{first_row}: the first label is shown everywhere.",
    },
    # --- Indicators -----------------------------------------------------------------------
    "validation.indicators.id_invalid": {
        "fr": "« {value} » n'est pas un identifiant d'indicateur valable : attendu des lettres "
        "minuscules sans accent, des chiffres, « - » ou « _ » (par exemple « {suggestion} »).",
        "en": "“{value}” is not a valid indicator identifier: expected lowercase unaccented "
        "letters, digits, “-” or “_” (for example “{suggestion}”).",
    },
    "validation.indicators.label_conflict": {
        "fr": {
            "one": "L'indicateur « {indicator} » porte deux libellés : « {first_label} » "
            "(ligne {first_row}) et « {value} » ({n} ligne : {rows}) : attendu un seul "
            "libellé par identifiant d'indicateur.",
            "other": "L'indicateur « {indicator} » porte deux libellés : « {first_label} » "
            "(ligne {first_row}) et « {value} » ({n} lignes : {rows}) : attendu un seul "
            "libellé par identifiant d'indicateur.",
        },
        "en": {
            "one": "The indicator “{indicator}” has two labels: “{first_label}” (row "
            "{first_row}) and “{value}” ({n} row: {rows}): expected one label per indicator "
            "identifier.",
            "other": "The indicator “{indicator}” has two labels: “{first_label}” (row "
            "{first_row}) and “{value}” ({n} rows: {rows}): expected one label per indicator "
            "identifier.",
        },
    },
    "validation.indicators.unit_conflict": {
        "fr": {
            "one": "L'indicateur « {indicator} » a deux unités : « {first_value} » (ligne "
            "{first_row}) et « {value} » ({n} ligne : {rows}) : attendu une seule unité par "
            "indicateur, les valeurs n'étant jamais converties.",
            "other": "L'indicateur « {indicator} » a deux unités : « {first_value} » (ligne "
            "{first_row}) et « {value} » ({n} lignes : {rows}) : attendu une seule unité par "
            "indicateur, les valeurs n'étant jamais converties.",
        },
        "en": {
            "one": "The indicator “{indicator}” has two units: “{first_value}” (row "
            "{first_row}) and “{value}” ({n} row: {rows}): expected one unit per indicator, "
            "as values are never converted.",
            "other": "The indicator “{indicator}” has two units: “{first_value}” (row "
            "{first_row}) and “{value}” ({n} rows: {rows}): expected one unit per indicator, "
            "as values are never converted.",
        },
    },
    "validation.indicators.direction_invalid": {
        "fr": "« {value} » n'est pas un sens : attendu {expected} (ou une cellule vide : "
        "higher_is_better).",
        "en": "“{value}” is not a direction: expected {expected} (or an empty cell: "
        "higher_is_better).",
    },
    "validation.indicators.direction_conflict": {
        "fr": {
            "one": "L'indicateur « {indicator} » a deux sens : « {first_value} » (ligne "
            "{first_row}) et « {value} » ({n} ligne : {rows}) : attendu un seul sens par "
            "indicateur.",
            "other": "L'indicateur « {indicator} » a deux sens : « {first_value} » (ligne "
            "{first_row}) et « {value} » ({n} lignes : {rows}) : attendu un seul sens par "
            "indicateur.",
        },
        "en": {
            "one": "The indicator “{indicator}” has two directions: “{first_value}” (row "
            "{first_row}) and “{value}” ({n} row: {rows}): expected one direction per "
            "indicator.",
            "other": "The indicator “{indicator}” has two directions: “{first_value}” (row "
            "{first_row}) and “{value}” ({n} rows: {rows}): expected one direction per "
            "indicator.",
        },
    },
    # --- Periods and values ---------------------------------------------------------------
    "validation.indicators.period_invalid": {
        "fr": "« {value} » n'est pas une période : attendu une année AAAA ou une date "
        "AAAA-MM-JJ ou JJ/MM/AAAA (la période est alors son année).",
        "en": "“{value}” is not a period: expected a year YYYY or a date YYYY-MM-DD or "
        "DD/MM/YYYY (the period is then its year).",
    },
    "validation.indicators.value_invalid": {
        "fr": "« {value} » n'est pas un nombre : attendu une valeur numérique (décimale avec "
        "« , » ou « . »).",
        "en": "“{value}” is not a number: expected a numeric value (decimal mark “,” or “.”).",
    },
    "validation.indicators.duplicate": {
        "fr": "La ligne {first_row} donne déjà une valeur pour le territoire « {entity} » "
        "({entity_label}), l'indicateur « {indicator} » et la période {year} : attendu une seule valeur par "
        "territoire, indicateur et période.",
        "en": "Row {first_row} already gives a value for the territory “{entity}” "
        "({entity_label}), the indicator “{indicator}” and the period {year}: expected one value per territory, "
        "indicator and period.",
    },
    "validation.indicators.duplicate_year": {
        "fr": "La date « {value} » tombe dans la même période {year} que « {first_period} » à la "
        "ligne {first_row}, pour le territoire « {entity} » ({entity_label}) et l'indicateur « {indicator} » (la "
        "période d'une date est son année) : attendu une seule valeur par territoire, "
        "indicateur et année ; gardez une ligne par année.",
        "en": "The date “{value}” falls in the same period {year} as “{first_period}” on row "
        "{first_row}, for the territory “{entity}” ({entity_label}) and the indicator “{indicator}” (the period "
        "of a date is its year): expected one value per territory, indicator and year; keep "
        "one row per year.",
    },
    # --- Command line ---------------------------------------------------------------------
    "cli.help.indicators": {
        "fr": "tables d'indicateurs publics (Baromètre des résultats…) : import, validate, "
        "list, remove",
        "en": "public indicator tables (Baromètre des résultats…): import, validate, list, remove",
    },
    "cli.indicators.help.path": {
        "fr": "fichier .csv ou .xlsx d'indicateurs publics",
        "en": ".csv or .xlsx file of public indicators",
    },
    "cli.indicators.help.validate": {
        "fr": "vérifier un fichier d'indicateurs sans l'importer",
        "en": "check an indicator file without importing it",
    },
    "cli.indicators.help.import": {
        "fr": "valider puis ajouter (ou remplacer) une table d'indicateurs",
        "en": "validate, then add (or replace) an indicator table",
    },
    "cli.indicators.help.id": {
        "fr": "identifiant de la table (défaut : tiré du nom du fichier) ; une table de même "
        "identifiant est remplacée",
        "en": "identifier of the table (default: made from the file name); a table with the "
        "same identifier is replaced",
    },
    "cli.indicators.help.list": {
        "fr": "lister les tables d'indicateurs chargées",
        "en": "list the loaded indicator tables",
    },
    "cli.indicators.help.remove": {
        "fr": "retirer une table d'indicateurs",
        "en": "remove an indicator table",
    },
    "cli.indicators.help.table_id": {
        "fr": "identifiant de la table (voir « indicators list »)",
        "en": "identifier of the table (see “indicators list”)",
    },
    "cli.indicators.imported": {
        "fr": "{path} importé comme table « {table_id} » : {rows}, {indicators}, {entities}. "
        "Version {version}.",
        "en": "{path} imported as table “{table_id}”: {rows}, {indicators}, {entities}. "
        "Version {version}.",
    },
    "cli.indicators.replaced": {
        "fr": "La table « {table_id} » précédente a été remplacée.",
        "en": "The previous table “{table_id}” was replaced.",
    },
    "cli.indicators.refused": {
        "fr": "Import refusé : les tables d'indicateurs chargées n'ont pas changé.",
        "en": "Import refused: the loaded indicator tables have not changed.",
    },
    "cli.indicators.bad_id": {
        "fr": "« {table_id} » n'est pas un identifiant de table valable : attendu de 1 à 64 "
        "lettres minuscules sans accent, chiffres, « - » ou « _ ».",
        "en": "“{table_id}” is not a valid table identifier: expected 1 to 64 lowercase "
        "unaccented letters, digits, “-” or “_”.",
    },
    "cli.indicators.none": {
        "fr": "Aucune table d'indicateurs publics n'est chargée (dossier des données : {path}).",
        "en": "No public indicator table is loaded (data folder: {path}).",
    },
    "cli.indicators.list_line": {
        "fr": "{table_id} : {source}, importé le {when} ; {rows}, {indicators}, {entities}, "
        "périodes {first}–{last}",
        "en": "{table_id}: {source}, imported at {when}; {rows}, {indicators}, {entities}, "
        "periods {first}–{last}",
    },
    "cli.indicators.indicator_line": {
        "fr": "  {indicator_id} : {label} ({unit}) ; {direction}",
        "en": "  {indicator_id}: {label} ({unit}); {direction}",
    },
    "cli.indicators.removed": {
        "fr": "Table « {table_id} » retirée.",
        "en": "Table “{table_id}” removed.",
    },
    "cli.indicators.unknown_table": {
        "fr": "Aucune table « {table_id} » : les tables chargées sont {tables}.",
        "en": "No table “{table_id}”: the loaded tables are {tables}.",
    },
    "cli.indicators.unknown_table_empty": {
        "fr": "Aucune table « {table_id} » : aucune table d'indicateurs n'est chargée.",
        "en": "No table “{table_id}”: no indicator table is loaded.",
    },
    "cli.indicators.count.rows": {
        "fr": {"one": "{n} ligne", "other": "{n} lignes"},
        "en": {"one": "{n} row", "other": "{n} rows"},
    },
    "cli.indicators.count.indicators": {
        "fr": {"one": "{n} indicateur", "other": "{n} indicateurs"},
        "en": {"one": "{n} indicator", "other": "{n} indicators"},
    },
    "cli.indicators.count.entities": {
        "fr": {"one": "{n} territoire", "other": "{n} territoires"},
        "en": {"one": "{n} territory", "other": "{n} territories"},
    },
    # --- Core texts -----------------------------------------------------------------------
    "indicators.direction.higher_is_better": {
        "fr": "plus haut est mieux",
        "en": "higher is better",
    },
    "indicators.direction.lower_is_better": {
        "fr": "plus bas est mieux",
        "en": "lower is better",
    },
    "indicators.level.department": {"fr": "département", "en": "department"},
    "indicators.level.region": {"fr": "région", "en": "region"},
    "indicators.level.other": {"fr": "territoire", "en": "territory"},
    "indicators.unit_none": {"fr": "sans unité", "en": "no unit"},
    "indicators.map.no_value": {"fr": "pas de valeur", "en": "no value"},
    "indicators.map.legend_step": {
        "fr": "de {low} à moins de {high}",
        "en": "{low} to under {high}",
    },
    "indicators.map.legend_last": {
        "fr": "de {low} à {high}",
        "en": "{low} to {high}",
    },
}

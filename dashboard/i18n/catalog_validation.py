"""Catalog part: validation text (contract §4). Keys are `validation.*`.

Problem messages are `validation.<code>`; each says what was found and what was expected.
Placeholders always available: {file}, {table}, {row}, {column}, {value}; the others come from
the problem's params. French texts are written with plain spaces around « », : ; ! ? and get
their no-break spaces at the end of this module.
"""

from __future__ import annotations

_EXPECTED_CONTAINERS_FR = (
    "un dossier (ou une archive .zip) contenant structures.csv et tests.csv, un classeur .xlsx "
    "avec les feuilles « structures » et « tests », ou un dossier contenant "
    "structures.parquet et tests.parquet"
)
_EXPECTED_CONTAINERS_EN = (
    "a folder (or a .zip of one) holding structures.csv and tests.csv, an .xlsx workbook with "
    "sheets “structures” and “tests”, or a folder holding structures.parquet and tests.parquet"
)

_MESSAGES: dict[str, dict[str, str]] = {
    # --- Containers (raised while reading) ------------------------------------------------
    "validation.file_not_found": {
        "fr": "« {file} » est introuvable : attendu " + _EXPECTED_CONTAINERS_FR + ".",
        "en": "“{file}” was not found: expected " + _EXPECTED_CONTAINERS_EN + ".",
    },
    "validation.file_too_large": {
        "fr": "Le fichier « {file} » pèse {size_mb} Mo : attendu au plus {max_mb} Mo.",
        "en": "The file “{file}” is {size_mb} MB: expected at most {max_mb} MB.",
    },
    "validation.unpacked_too_large": {
        "fr": "Une fois décompressé, le contenu de « {file} » dépasse {max_mb} Mo "
        "({size_mb} Mo) : fichier refusé par précaution, attendu au plus {max_mb} Mo.",
        "en": "Once unpacked, the content of “{file}” exceeds {max_mb} MB ({size_mb} MB): "
        "refused as a precaution, expected at most {max_mb} MB.",
    },
    "validation.unsupported_container": {
        "fr": "« {file} » n'est pas un format pris en charge (extension « {suffix} ») : "
        "attendu " + _EXPECTED_CONTAINERS_FR + ".",
        "en": "“{file}” is not a supported format (extension “{suffix}”): expected "
        + _EXPECTED_CONTAINERS_EN
        + ".",
    },
    "validation.missing_table": {
        "fr": "Le tableau « {table} » est introuvable dans « {file} » : attendu un fichier "
        "{expected}.",
        "en": "The table “{table}” is missing from “{file}”: expected a file {expected}.",
    },
    "validation.ambiguous_table": {
        "fr": "Le tableau « {table} » figure plusieurs fois dans « {file} » ({candidates}) : "
        "attendu un seul fichier par tableau.",
        "en": "The table “{table}” appears more than once in “{file}” ({candidates}): expected "
        "one file per table.",
    },
    "validation.ambiguous_folder": {
        "fr": "L'archive « {file} » contient plusieurs dossiers avec les deux tableaux "
        "({candidates}) : attendu un seul.",
        "en": "The archive “{file}” holds several folders with both tables ({candidates}): "
        "expected one.",
    },
    "validation.zip_tables_apart": {
        "fr": "Dans l'archive « {file} », les tableaux structures et tests ne sont pas dans le "
        "même dossier : attendu les deux fichiers côte à côte, à la racine ou dans un même "
        "sous-dossier.",
        "en": "In the archive “{file}”, the structures and tests tables are not in the same "
        "folder: expected both files side by side, at the root or in one sub-folder.",
    },
    "validation.not_a_zip": {
        "fr": "« {file} » n'est pas une archive .zip lisible : attendu une archive zip "
        "contenant structures.csv et tests.csv.",
        "en": "“{file}” is not a readable .zip archive: expected a zip archive holding "
        "structures.csv and tests.csv.",
    },
    "validation.zip_member_unreadable": {
        "fr": "Impossible d'extraire « {file} » de l'archive (fichier endommagé, chiffré ou "
        "compression non prise en charge) : attendu une archive zip ordinaire, sans mot de passe.",
        "en": "“{file}” cannot be extracted from the archive (damaged, encrypted or unsupported "
        "compression): expected a plain zip archive without a password.",
    },
    "validation.csv_no_header": {
        "fr": "Le fichier « {file} » est vide : attendu une première ligne d'en-têtes de colonnes.",
        "en": "The file “{file}” is empty: expected a first line of column headers.",
    },
    "validation.csv_encoding": {
        "fr": "Le fichier « {file} » n'est pas un texte lisible : attendu un encodage UTF-8 "
        "(avec ou sans BOM) ou Windows-1252.",
        "en": "The file “{file}” is not readable text: expected UTF-8 (with or without a BOM) "
        "or Windows-1252 encoding.",
    },
    "validation.csv_unreadable": {
        "fr": "Le fichier « {file} » n'est pas un CSV lisible ({detail}) : attendu des colonnes "
        "séparées par « , » ou « ; » et des guillemets bien fermés.",
        "en": "The file “{file}” is not a readable CSV ({detail}): expected columns separated "
        "by “,” or “;” and properly closed quotes.",
    },
    "validation.csv_ragged_row": {
        "fr": "Ligne {line} du fichier « {file} » : {found} champs trouvés, attendu {expected} "
        "comme sur la ligne d'en-têtes ({count} ligne(s) dans ce cas) ; vérifiez les "
        "séparateurs et les guillemets.",
        "en": "Line {line} of “{file}”: {found} fields found, expected {expected} as on the "
        "header line ({count} line(s) like this); check separators and quotes.",
    },
    "validation.not_xlsx": {
        "fr": "« {file} » n'est pas un classeur Excel lisible : attendu un fichier .xlsx avec "
        "les feuilles « structures » et « tests ».",
        "en": "“{file}” is not a readable Excel workbook: expected an .xlsx file with sheets "
        "“structures” and “tests”.",
    },
    "validation.missing_sheet": {
        "fr": "Le classeur « {file} » n'a pas de feuille « {table} » : attendu les feuilles "
        "« structures » et « tests » (feuilles trouvées : {sheets}).",
        "en": "The workbook “{file}” has no sheet “{table}”: expected sheets “structures” and "
        "“tests” (sheets found: {sheets}).",
    },
    "validation.sheet_empty": {
        "fr": "La feuille « {table} » du classeur « {file} » est vide : attendu une première "
        "ligne d'en-têtes de colonnes.",
        "en": "The sheet “{table}” of the workbook “{file}” is empty: expected a first row of "
        "column headers.",
    },
    "validation.not_parquet": {
        "fr": "« {file} » n'est pas un fichier Parquet lisible : attendu un fichier écrit par "
        "pandas, Arrow ou un outil équivalent.",
        "en": "“{file}” is not a readable Parquet file: expected a file written by pandas, "
        "Arrow or a similar tool.",
    },
    "validation.permission_denied": {
        "fr": "Impossible d'ouvrir « {file} » : accès refusé. Attendu : un fichier que "
        "l'utilisateur qui lance l'import a le droit de lire.",
        "en": "“{file}” cannot be opened: permission denied. Expected: a file the user running "
        "the import may read.",
    },
    "validation.unreadable": {
        "fr": "Impossible de lire « {file} » ({detail}) : attendu " + _EXPECTED_CONTAINERS_FR + ".",
        "en": "“{file}” cannot be read ({detail}): expected " + _EXPECTED_CONTAINERS_EN + ".",
    },
    "validation.internal_error": {
        "fr": "Erreur inattendue en validant « {file} » ({detail}) : rien n'a été importé ; "
        "signalez-la avec le fichier.",
        "en": "Unexpected error while validating “{file}” ({detail}): nothing was imported; "
        "please report it with the file.",
    },
    # --- Tables and columns ---------------------------------------------------------------
    "validation.table_empty": {
        "fr": "Le tableau « {table} » ne contient aucune ligne de données : attendu au moins "
        "une ligne.",
        "en": "The table “{table}” has no data row: expected at least one row.",
    },
    "validation.missing_column": {
        "fr": "La colonne obligatoire « {column} » est absente du tableau « {table} » : "
        "attendu un en-tête « {column} ».",
        "en": "The required column “{column}” is missing from the table “{table}”: expected a "
        "header “{column}”.",
    },
    "validation.duplicate_column": {
        "fr": "La colonne « {column} » apparaît plusieurs fois dans le tableau « {table} » "
        "(en-tête « {header} » en plus de « {first} ») : attendu une seule colonne de ce nom.",
        "en": "The column “{column}” appears more than once in the table “{table}” (header "
        "“{header}” besides “{first}”): expected a single column of that name.",
    },
    "validation.unknown_column": {
        "fr": "La colonne « {column} » ne fait pas partie du format attendu : elle est ignorée.",
        "en": "The column “{column}” is not part of the expected format: it is ignored.",
    },
    "validation.unnamed_column": {
        "fr": "La colonne n° {position} n'a pas d'en-tête mais contient des valeurs : elle est "
        "ignorée.",
        "en": "Column no. {position} has no header but holds values: it is ignored.",
    },
    "validation.criterion_name_invalid": {
        "fr": "« {column} » n'est pas un nom de critère valable : attendu « crit_ » suivi de "
        "lettres sans accent, de chiffres ou de « _ » (par exemple « crit_courtesy »).",
        "en": "“{column}” is not a valid criterion name: expected “crit_” followed by "
        "unaccented letters, digits or “_” (for example “crit_courtesy”).",
    },
    "validation.measure_column_missing": {
        "fr": "La colonne « {column} » est absente du tableau « {table} » alors que {count} "
        "test(s) en exigent une valeur (canaux concernés : {channels}) : attendu une colonne "
        "« {column} ».",
        "en": "The column “{column}” is missing from the table “{table}” although {count} "
        "test(s) need a value in it (channels concerned: {channels}): expected a column “{column}”.",
    },
    # --- Cells ----------------------------------------------------------------------------
    "validation.required_empty": {
        "fr": "La cellule de la colonne obligatoire « {column} » est vide : attendu une valeur.",
        "en": "The cell of the required column “{column}” is empty: expected a value.",
    },
    "validation.id_too_long": {
        "fr": "L'identifiant « {value} » compte {length} caractères : attendu au plus {max}.",
        "en": "The identifier “{value}” has {length} characters: expected at most {max}.",
    },
    "validation.duplicate_structure_id": {
        "fr": "L'identifiant « {value} » est déjà utilisé à la ligne {first_row} : attendu un "
        "identifiant différent pour chaque structure.",
        "en": "The identifier “{value}” is already used on row {first_row}: expected a "
        "different identifier for each structure.",
    },
    "validation.name_too_long": {
        "fr": "Le nom « {value} » compte {length} caractères : attendu au plus {max}.",
        "en": "The name “{value}” has {length} characters: expected at most {max}.",
    },
    "validation.unknown_category": {
        "fr": "« {value} » n'est pas une catégorie : attendu l'un des codes {expected}.",
        "en": "“{value}” is not a category: expected one of the codes {expected}.",
    },
    "validation.unknown_region": {
        "fr": "« {value} » n'est pas un code de région : attendu l'un des codes INSEE des "
        "régions actuelles {expected}.",
        "en": "“{value}” is not a region code: expected one of the INSEE codes of current "
        "regions {expected}.",
    },
    "validation.region_leading_zero": {
        "fr": "« {value} » n'est pas un code de région : attendu « {suggestion} » (le tableur a "
        "sans doute supprimé le zéro initial ; mettez la colonne au format texte).",
        "en": "“{value}” is not a region code: expected “{suggestion}” (the spreadsheet has "
        "probably dropped the leading zero; format the column as text).",
    },
    "validation.unknown_department": {
        "fr": "« {value} » n'est pas un code de département : attendu un code INSEE de "
        "département (01 à 95, 2A, 2B, 971 à 976) ou une cellule vide pour une région.",
        "en": "“{value}” is not a department code: expected an INSEE department code (01 to "
        "95, 2A, 2B, 971 to 976) or an empty cell for a region.",
    },
    "validation.department_leading_zero": {
        "fr": "« {value} » n'est pas un code de département : attendu « {suggestion} » (le "
        "tableur a sans doute supprimé le zéro initial ; mettez la colonne au format texte).",
        "en": "“{value}” is not a department code: expected “{suggestion}” (the spreadsheet has "
        "probably dropped the leading zero; format the column as text).",
    },
    "validation.department_not_in_region": {
        "fr": "Le département « {value} » n'appartient pas à la région « {region} » : attendu "
        "la région « {expected} », ou un autre département.",
        "en": "The department “{value}” does not belong to the region “{region}”: expected the "
        "region “{expected}”, or another department.",
    },
    "validation.not_non_negative_integer": {
        "fr": "« {value} » n'est pas valable dans la colonne « {column} » : attendu un nombre "
        "entier positif ou nul.",
        "en": "“{value}” is not valid in the column “{column}”: expected a whole number, zero "
        "or more.",
    },
    "validation.not_non_negative_number": {
        "fr": "« {value} » n'est pas valable dans la colonne « {column} » : attendu un nombre "
        "positif ou nul.",
        "en": "“{value}” is not valid in the column “{column}”: expected a number, zero or more.",
    },
    "validation.edition_invalid": {
        "fr": "« {value} » n'est pas une édition : attendu une année entre {min} et {max}.",
        "en": "“{value}” is not an edition: expected a year between {min} and {max}.",
    },
    "validation.unknown_structure": {
        "fr": "La structure « {value} » ne figure pas dans le tableau structures : attendu "
        "l'identifiant d'une structure de ce tableau.",
        "en": "The structure “{value}” is not in the structures table: expected the "
        "identifier of a structure of that table.",
    },
    "validation.unknown_channel": {
        "fr": "« {value} » n'est pas un canal : attendu l'un des codes {expected}.",
        "en": "“{value}” is not a channel: expected one of the codes {expected}.",
    },
    "validation.duplicate_test_id": {
        "fr": "Le test « {value} » figure déjà à la ligne {first_row} pour la même édition, la "
        "même structure et le même canal : attendu un identifiant de test unique.",
        "en": "The test “{value}” already appears on row {first_row} for the same edition, "
        "structure and channel: expected a unique test identifier.",
    },
    "validation.date_invalid": {
        "fr": "« {value} » n'est pas une date : attendu une date au format AAAA-MM-JJ ou "
        "JJ/MM/AAAA.",
        "en": "“{value}” is not a date: expected a date as YYYY-MM-DD or DD/MM/YYYY.",
    },
    "validation.date_outside_edition": {
        "fr": "La date « {value} » n'est pas dans l'année de l'édition {edition} : attendu une "
        "date de l'année {edition}.",
        "en": "The date “{value}” is not in the year of the edition {edition}: expected a date "
        "in {edition}.",
    },
    "validation.score_out_of_range": {
        "fr": "« {value} » n'est pas valable dans la colonne « {column} » : attendu un nombre "
        "entre {min} et {max}.",
        "en": "“{value}” is not valid in the column “{column}”: expected a number between "
        "{min} and {max}.",
    },
    "validation.boolean_invalid": {
        "fr": "« {value} » n'est pas valable dans la colonne « {column} » : attendu oui ou non, "
        "écrit {accepted}.",
        "en": "“{value}” is not valid in the column “{column}”: expected yes or no, written "
        "{accepted}.",
    },
    "validation.measure_not_applicable": {
        "fr": "La colonne « {column} » ne s'applique pas au canal « {channel} » (seulement "
        "{channels}) : attendu une cellule vide, valeur trouvée « {value} ».",
        "en": "The column “{column}” does not apply to the channel “{channel}” (only "
        "{channels}): expected an empty cell, found “{value}”.",
    },
    "validation.measure_required": {
        "fr": "La colonne « {column} » est obligatoire pour le canal « {channel} » : la cellule "
        "est vide, attendu une valeur.",
        "en": "The column “{column}” is required on the channel “{channel}”: the cell is "
        "empty, expected a value.",
    },
    "validation.measure_required_when_answered": {
        "fr": "La colonne « {column} » est obligatoire pour un test du canal « {channel} » qui "
        "a obtenu une réponse (answered vrai) : la cellule est vide, attendu une valeur.",
        "en": "The column “{column}” is required for a test on the channel “{channel}” that "
        "was answered (answered true): the cell is empty, expected a value.",
    },
    "validation.measure_not_answered": {
        "fr": "La colonne « {column} » doit rester vide pour un test sans réponse (answered "
        "faux) : valeur trouvée « {value} », attendu une cellule vide.",
        "en": "The column “{column}” must stay empty for a test that was not answered "
        "(answered false): found “{value}”, expected an empty cell.",
    },
    "validation.structure_without_test": {
        "fr": "La structure « {value} » n'a aucun test : elle est importée mais n'apparaîtra "
        "dans aucun score ni classement.",
        "en": "The structure “{value}” has no test: it is imported but will appear in no score "
        "or ranking.",
    },
    "validation.more_problems": {
        "fr": "{count} autre(s) ligne(s) présentent le même problème dans la colonne "
        "« {column} » (voir la ligne {first_row}) : seules les {shown} premières sont listées.",
        "en": "{count} more row(s) have the same problem in the column “{column}” (see row "
        "{first_row}): only the first {shown} are listed.",
    },
    # --- Report ---------------------------------------------------------------------------
    "validation.severity.error": {"fr": "erreur", "en": "error"},
    "validation.severity.warning": {"fr": "avertissement", "en": "warning"},
    "validation.report.severity": {"fr": "Gravité", "en": "Severity"},
    "validation.report.file": {"fr": "Fichier", "en": "File"},
    "validation.report.table": {"fr": "Tableau", "en": "Table"},
    "validation.report.row": {"fr": "Ligne", "en": "Row"},
    "validation.report.column": {"fr": "Colonne", "en": "Column"},
    "validation.report.value": {"fr": "Valeur trouvée", "en": "Value found"},
    "validation.report.message": {"fr": "Problème", "en": "Problem"},
    "validation.where.table": {"fr": "tableau « {table} »", "en": "table “{table}”"},
    "validation.where.row": {"fr": "ligne {row}", "en": "row {row}"},
    "validation.where.column": {"fr": "colonne « {column} »", "en": "column “{column}”"},
    # --- Progress stages ------------------------------------------------------------------
    "validation.stage.read_structures": {
        "fr": "Lecture du tableau structures",
        "en": "Reading the structures table",
    },
    "validation.stage.read_tests": {
        "fr": "Lecture du tableau tests",
        "en": "Reading the tests table",
    },
    "validation.stage.check_structures": {
        "fr": "Vérification des structures",
        "en": "Checking the structures",
    },
    "validation.stage.check_tests": {"fr": "Vérification des tests", "en": "Checking the tests"},
    "validation.stage.build": {"fr": "Préparation des données", "en": "Preparing the data"},
    "validation.stage.done": {"fr": "Terminé", "en": "Done"},
}

_NBSP = "\u00a0"


def _french_spacing(text: str) -> str:
    """French typography: no-break space inside « » and before : ; ! ?."""
    text = text.replace("« ", "«" + _NBSP).replace(" »", _NBSP + "»")
    for mark in (":", ";", "!", "?"):
        text = text.replace(" " + mark, _NBSP + mark)
    return text


MESSAGES: dict[str, dict[str, str]] = {
    key: {**texts, "fr": _french_spacing(texts["fr"])} for key, texts in _MESSAGES.items()
}

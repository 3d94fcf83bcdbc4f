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

_MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
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
        "fr": "Le fichier « {file} » ne peut pas être lu comme du texte (ligne {line} : "
        "{cause}) : attendu un encodage UTF-8 (avec ou sans BOM), UTF-16 avec BOM (« Texte "
        "Unicode » d'Excel) ou Windows-1252.",
        "en": "The file “{file}” cannot be read as text (line {line}: {cause}): expected UTF-8 "
        "(with or without a BOM), UTF-16 with a BOM (Excel's “Unicode Text”) or Windows-1252 "
        "encoding.",
    },
    "validation.csv_mixed_line": {
        "fr": "Ligne {line} du fichier « {file} » : la ligne mélange des caractères en UTF-8 et "
        "en Windows-1252 (octet {byte} au caractère {position}) et serait importée avec des "
        "accents déformés : attendu un fichier dans un seul encodage ; enregistrez-le en UTF-8.",
        "en": "Line {line} of “{file}”: the line mixes UTF-8 and Windows-1252 characters (byte "
        "{byte} at character {position}) and would be imported with garbled accents: expected "
        "a file in one encoding; save it as UTF-8.",
    },
    "validation.csv_mixed_encoding": {
        "fr": "Le fichier « {file} » mélange des lignes en UTF-8 (la première : ligne "
        "{utf8_line}) et des lignes en Windows-1252 (la première : ligne {cp1252_line}) : "
        "chaque ligne a été lue dans son propre encodage ; vérifiez les accents et enregistrez "
        "de préférence le fichier en UTF-8.",
        "en": "The file “{file}” mixes UTF-8 lines (the first: line {utf8_line}) and "
        "Windows-1252 lines (the first: line {cp1252_line}): each line was read in its own "
        "encoding; check the accents, and preferably save the file as UTF-8.",
    },
    "validation.cause.binary": {
        "fr": "le fichier contient des octets nuls, ce n'est pas un fichier texte (un classeur "
        "renommé en .csv ?)",
        "en": "the file holds NUL bytes, it is not a text file (a workbook renamed .csv?)",
    },
    "validation.cause.wide_invalid": {
        "fr": "le texte n'est pas de l'{encoding} valable alors que le fichier commence par la "
        "marque d'un fichier {encoding}",
        "en": "the text is not valid {encoding} although the file starts with the mark of an "
        "{encoding} file",
    },
    "validation.cause.undefined_byte": {
        "fr": "l'octet {byte} n'est un caractère ni en UTF-8 ni en Windows-1252",
        "en": "the byte {byte} is a character in neither UTF-8 nor Windows-1252",
    },
    "validation.cause.unclosed_quote": {
        "fr": "un guillemet ouvert n'est jamais refermé",
        "en": "an opening quote is never closed",
    },
    "validation.cause.csv_structure": {
        "fr": "les lignes ne se découpent pas en colonnes comme la ligne d'en-têtes",
        "en": "the lines do not split into columns as the header line does",
    },
    "validation.cause.memory": {
        "fr": "mémoire insuffisante pour le lire",
        "en": "not enough memory to read it",
    },
    "validation.cause.os_error": {
        "fr": "erreur de lecture du disque ou du réseau",
        "en": "a read error from the disk or the network",
    },
    "validation.cause.reader": {
        "fr": "le contenu n'a pas la forme attendue par le lecteur de ce format",
        "en": "the content does not have the shape this format's reader expects",
    },
    "validation.csv_unreadable": {
        "fr": "Le fichier « {file} » n'est pas un CSV lisible ({cause}) : attendu des colonnes "
        "séparées par « , » ou « ; » et des guillemets bien fermés.",
        "en": "The file “{file}” is not a readable CSV ({cause}): expected columns separated "
        "by “,” or “;” and properly closed quotes.",
    },
    "validation.header_row_found": {
        "fr": "La ligne {row} contient les noms de colonnes et a été lue comme ligne d'en-têtes : "
        "ce qui est au-dessus (titre « {value} » ou lignes vides) est ignoré.",
        "en": "Row {row} holds the column names and was read as the header row: what is above "
        "it (title “{value}” or blank rows) is ignored.",
    },
    "validation.header_row_elsewhere": {
        "fr": "La ligne {row} (« {value} ») a été lue comme ligne d'en-têtes, mais les noms de "
        "colonnes semblent être sur la ligne {found} : attendu les noms de colonnes sur la "
        "première ligne non vide ; supprimez les lignes au-dessus de la ligne {found}.",
        "en": "Row {row} (“{value}”) was read as the header row, but the column names seem to "
        "be on row {found}: expected the column names on the first non-empty row; delete the "
        "rows above row {found}.",
    },
    "validation.csv_ragged_row": {
        "fr": {
            "one": "Ligne {line} du fichier « {file} » : {found} champs trouvés, attendu {expected} "
            "comme sur la ligne d'en-têtes ({n} ligne dans ce cas) ; vérifiez les "
            "séparateurs et les guillemets.",
            "other": "Ligne {line} du fichier « {file} » : {found} champs trouvés, attendu {expected} "
            "comme sur la ligne d'en-têtes ({n} lignes dans ce cas) ; vérifiez les "
            "séparateurs et les guillemets.",
        },
        "en": {
            "one": "Line {line} of “{file}”: {found} fields found, expected {expected} as on the "
            "header line ({n} line like this); check separators and quotes.",
            "other": "Line {line} of “{file}”: {found} fields found, expected {expected} as on the "
            "header line ({n} lines like this); check separators and quotes.",
        },
    },
    "validation.not_xlsx": {
        "fr": "« {file} » n'est pas un classeur Excel lisible : attendu un fichier .xlsx avec "
        "les feuilles « structures » et « tests ».",
        "en": "“{file}” is not a readable Excel workbook: expected an .xlsx file with sheets "
        "“structures” and “tests”.",
    },
    "validation.sheet_too_wide": {
        "fr": "« {file} », feuille « {table} », ligne {row} : une cellule remplie au-delà de la "
        "colonne {limit} ; effacez-la (les tableaux du format n'ont que quelques dizaines de "
        "colonnes).",
        "en": "“{file}”, sheet “{table}”, row {row}: a filled cell beyond column {limit}; clear "
        "it (the format's tables have a few tens of columns).",
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
        "fr": "Impossible de lire « {file} » ({cause}) : attendu " + _EXPECTED_CONTAINERS_FR + ".",
        "en": "“{file}” cannot be read ({cause}): expected " + _EXPECTED_CONTAINERS_EN + ".",
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
    "validation.formula_not_computed": {
        "fr": "La cellule {cell} contient une formule dont la valeur n'a jamais été calculée "
        "(classeur écrit par un programme) : ouvrez le fichier dans Excel ou LibreOffice et "
        "enregistrez-le pour que la valeur soit calculée, attendu une valeur.",
        "en": "The cell {cell} holds a formula whose value was never computed (a workbook "
        "written by a program): open the file in Excel or LibreOffice and save it so that the "
        "value is computed, expected a value.",
    },
    "validation.date_serial": {
        "fr": "Le nombre « {value} » de la colonne de dates « {column} » a été lu comme un "
        "numéro de série de date Excel : le {date}. Vérifiez-le, et mettez la colonne au "
        "format Date.",
        "en": "The number “{value}” in the date column “{column}” was read as an Excel date "
        "serial number: {date}. Check it, and format the column as Date.",
    },
    "validation.date_month_first": {
        "fr": "La colonne « {column} » contient des dates qui ne se lisent que mois en premier "
        "(par exemple « {example} », ligne {first_row}) : ses {n} dates écrites avec des "
        "barres ont toutes été lues au format MM/JJ/AAAA. Vérifiez-les ; le format attendu est "
        "JJ/MM/AAAA ou AAAA-MM-JJ.",
        "en": "The column “{column}” holds dates that can only be read month first (for "
        "example “{example}”, row {first_row}): its {n} dates written with slashes were "
        "all read as MM/DD/YYYY. Check them; the expected format is DD/MM/YYYY or YYYY-MM-DD.",
    },
    "validation.date_order_mixed": {
        "fr": "« {value} » ne se lit que mois en premier (MM/JJ/AAAA), alors que la colonne "
        "contient aussi des dates jour en premier (ligne {day_first_row} : "
        "« {day_first_value} ») : attendu un seul ordre dans la colonne, JJ/MM/AAAA ou "
        "AAAA-MM-JJ.",
        "en": "“{value}” can only be read month first (MM/DD/YYYY), while the column also "
        "holds day-first dates (row {day_first_row}: “{day_first_value}”): expected one order "
        "in the column, DD/MM/YYYY or YYYY-MM-DD.",
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
        "fr": {
            "one": "La colonne « {column} » est absente du tableau « {table} » alors que {n} "
            "test en exige une valeur (canaux concernés : {channels}) : attendu une colonne "
            "« {column} ».",
            "other": "La colonne « {column} » est absente du tableau « {table} » alors que {n} "
            "tests en exigent une valeur (canaux concernés : {channels}) : attendu une colonne "
            "« {column} ».",
        },
        "en": {
            "one": "The column “{column}” is missing from the table “{table}” although {n} "
            "test needs a value in it (channels concerned: {channels}): expected a column “{column}”.",
            "other": "The column “{column}” is missing from the table “{table}” although {n} "
            "tests need a value in it (channels concerned: {channels}): expected a column “{column}”.",
        },
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
        "fr": "« {value} » n'est pas une catégorie : attendu l'un des codes {expected}, ou le "
        "libellé d'une catégorie.",
        "en": "“{value}” is not a category: expected one of the codes {expected}, or the label "
        "of a category.",
    },
    "validation.category_did_you_mean": {
        "fr": "« {value} » n'est pas une catégorie : vouliez-vous dire « {category_suggestion} » "
        "({label}) ? Attendu l'un des codes {expected}, ou le libellé d'une catégorie.",
        "en": "“{value}” is not a category: did you mean “{category_suggestion}” ({label})? "
        "Expected one of the codes {expected}, or the label of a category.",
    },
    "validation.unknown_region": {
        "fr": "« {value} » n'est pas un code de région : attendu l'un des codes INSEE des "
        "régions actuelles {expected}.",
        "en": "“{value}” is not a region code: expected one of the INSEE codes of current "
        "regions {expected}.",
    },
    "validation.region_did_you_mean": {
        "fr": "« {value} » n'est pas un code de région : vouliez-vous dire « {region_suggestion} » "
        "({label}) ? Attendu le code INSEE d'une région actuelle.",
        "en": "“{value}” is not a region code: did you mean “{region_suggestion}” ({label})? "
        "Expected the INSEE code of a current region.",
    },
    "validation.region_as_number": {
        "fr": "« {value} » n'est pas un code de région : attendu « {suggestion} » (le code a été "
        "enregistré comme un nombre décimal ; mettez la colonne au format texte).",
        "en": "“{value}” is not a region code: expected “{suggestion}” (the code was saved as a "
        "decimal number; format the column as text).",
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
    "validation.department_did_you_mean": {
        "fr": "« {value} » n'est pas un code de département : vouliez-vous dire "
        "« {department_suggestion} » ({label}) ? Attendu le code INSEE d'un département.",
        "en": "“{value}” is not a department code: did you mean “{department_suggestion}” "
        "({label})? Expected the INSEE code of a department.",
    },
    "validation.department_as_number": {
        "fr": "« {value} » n'est pas un code de département : attendu « {suggestion} » (le code "
        "a été enregistré comme un nombre décimal ; mettez la colonne au format texte).",
        "en": "“{value}” is not a department code: expected “{suggestion}” (the code was saved "
        "as a decimal number; format the column as text).",
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
    "validation.channel_did_you_mean": {
        "fr": "« {value} » n'est pas un canal : vouliez-vous dire « {channel_suggestion} » "
        "({label}) ? Attendu l'un des codes {expected}.",
        "en": "“{value}” is not a channel: did you mean “{channel_suggestion}” ({label})? "
        "Expected one of the codes {expected}.",
    },
    "validation.duplicate_test_id": {
        "fr": "Le test « {value} » figure déjà à la ligne {first_row} pour la même édition, la "
        "même structure et le même canal : attendu un identifiant de test unique.",
        "en": "The test “{value}” already appears on row {first_row} for the same edition, "
        "structure and channel: expected a unique test identifier.",
    },
    "validation.date_invalid": {
        "fr": "« {value} » n'est pas une date : attendu une date au format AAAA-MM-JJ ou "
        "JJ/MM/AAAA (une heure qui suit est ignorée).",
        "en": "“{value}” is not a date: expected a date as YYYY-MM-DD or DD/MM/YYYY (a time "
        "after it is ignored).",
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
        "fr": {
            "one": "{n} autre ligne présente le même problème dans la colonne "
            "« {column} » (voir la ligne {first_row}) : seules les {shown} premières sont listées.",
            "other": "{n} autres lignes présentent le même problème dans la colonne "
            "« {column} » (voir la ligne {first_row}) : seules les {shown} premières sont listées.",
        },
        "en": {
            "one": "{n} more row has the same problem in the column “{column}” (see row "
            "{first_row}): only the first {shown} are listed.",
            "other": "{n} more rows have the same problem in the column “{column}” (see row "
            "{first_row}): only the first {shown} are listed.",
        },
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
    "validation.report.letter": {"fr": "Lettre de colonne", "en": "Column letter"},
    "validation.report.count": {"fr": "Nombre de lignes", "en": "Number of rows"},
    "validation.report.rows": {"fr": "Premières lignes", "en": "First rows"},
    "validation.where.table": {"fr": "tableau « {table} »", "en": "table “{table}”"},
    "validation.where.row": {"fr": "ligne {row}", "en": "row {row}"},
    "validation.where.column": {"fr": "colonne « {column} »", "en": "column “{column}”"},
    "validation.where.column_letter": {
        "fr": "colonne {letter} « {column} »",
        "en": "column {letter} “{column}”",
    },
    "validation.where.letter_only": {
        "fr": "colonne {letter} (sans en-tête)",
        "en": "column {letter} (no header)",
    },
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


def _french_forms(text: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(text, dict):
        return {form: _french_spacing(t) for form, t in text.items()}
    return _french_spacing(text)


MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    key: {**texts, "fr": _french_forms(texts["fr"])} for key, texts in _MESSAGES.items()
}

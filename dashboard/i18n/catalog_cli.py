"""Catalog part: command-line text. Keys are `cli.*`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    "cli.progress": {
        "fr": "{stage} : {pct} % ({seconds} s)",
        "en": "{stage}: {pct}% ({seconds} s)",
    },
    "cli.stage.load": {"fr": "Chargement des données", "en": "Loading the data"},
    "cli.stage.write": {"fr": "Écriture des fichiers", "en": "Writing the files"},
    "cli.problem_line": {"fr": "{severity} : {problem}", "en": "{severity}: {problem}"},
    # After a warning that stands for several rows of the same kind (same column, same problem).
    "cli.group_rows": {
        "fr": {
            "one": "[{n} ligne de ce type : {rows}]",
            "other": "[{n} lignes de ce type, dont : {rows}]",
        },
        "en": {
            "one": "[{n} row like this: {rows}]",
            "other": "[{n} rows like this, including: {rows}]",
        },
    },
    "cli.xlsx_too_large": {
        "fr": "le tableau « {table} » a {rows} lignes, une feuille Excel en contient au plus "
        "{limit} : exportez en csv ou parquet.",
        "en": "the table “{table}” has {rows} rows, an Excel sheet holds at most {limit}: "
        "export as csv or parquet.",
    },
    "cli.severity.error": {"fr": "ERREUR", "en": "ERROR"},
    "cli.severity.warning": {"fr": "AVERTISSEMENT", "en": "WARNING"},
    "cli.problem_count": {"fr": "{errors}, {warnings}.", "en": "{errors}, {warnings}."},
    "cli.count.errors": {
        "fr": {"one": "{n} erreur", "other": "{n} erreurs"},
        "en": {"one": "{n} error", "other": "{n} errors"},
    },
    "cli.count.warnings": {
        "fr": {"one": "{n} avertissement", "other": "{n} avertissements"},
        "en": {"one": "{n} warning", "other": "{n} warnings"},
    },
    "cli.report_written": {
        "fr": "Rapport des problèmes écrit dans {path}.",
        "en": "Problem report written to {path}.",
    },
    "cli.valid": {"fr": "{path} est valide.", "en": "{path} is valid."},
    "cli.invalid": {
        "fr": "{path} n'est pas valide : corrigez les erreurs ci-dessus.",
        "en": "{path} is not valid: fix the errors above.",
    },
    "cli.import_refused": {
        "fr": "Import refusé : les données actives n'ont pas changé.",
        "en": "Import refused: the active data has not changed.",
    },
    "cli.imported": {
        "fr": "{path} importé : {structures} structures, {tests} tests. "
        "La version active est désormais {version}.",
        "en": "{path} imported: {structures} structures, {tests} tests. "
        "The active version is now {version}.",
    },
    "cli.import_waiting": {
        "fr": "Un autre import est en cours, attente de sa fin…",
        "en": "Another import is in progress, waiting…",
    },
    "cli.import_busy": {
        "fr": "Import abandonné : un autre import est toujours en cours après {seconds} s. "
        "Les données actives n'ont pas changé ; réessayez une fois cet import terminé "
        "(--wait SECONDES pour attendre plus longtemps).",
        "en": "Import given up: another import is still in progress after {seconds} s. "
        "The active data has not changed; try again once that import is over "
        "(--wait SECONDS to wait longer).",
    },
    "cli.written": {"fr": "Écrit : {path}", "en": "Written: {path}"},
    "cli.info.source": {"fr": "Source : {source}", "en": "Source: {source}"},
    "cli.info.demo_source": {
        "fr": "données de démonstration (fictives, calibrées sur le baromètre 2022)",
        "en": "demo data (synthetic, calibrated on the 2022 barometer)",
    },
    "cli.info.version": {"fr": "Version : {version}", "en": "Version: {version}"},
    "cli.info.data_dir": {"fr": "Dossier des données : {path}", "en": "Data folder: {path}"},
    "cli.info.imported_at": {"fr": "Importé le : {when}", "en": "Imported at: {when}"},
    "cli.info.totals": {
        "fr": "{structures} structures, {tests} tests, {editions} éditions",
        "en": "{structures} structures, {tests} tests, {editions} editions",
    },
    "cli.info.edition": {
        "fr": "  {edition} : {structures} structures auditées, {tests} tests",
        "en": "  {edition}: {structures} structures audited, {tests} tests",
    },
    "cli.interrupted": {"fr": "Interrompu.", "en": "Interrupted."},
    "cli.failed": {
        "fr": "Échec : {detail}",
        "en": "Failed: {detail}",
    },
    "cli.help.description": {
        "fr": "Baromètre de l'accueil des services publics : valider, importer, exporter.",
        "en": "Public-service reception barometer: validate, import, export.",
    },
    "cli.help.lang": {"fr": "langue des messages (fr ou en)", "en": "message language (fr or en)"},
    "cli.help.data_dir": {
        "fr": "dossier des données (défaut : $DASHBOARD_DATA_DIR, sinon instance/)",
        "en": "data folder (default: $DASHBOARD_DATA_DIR, else instance/)",
    },
    "cli.help.validate": {
        "fr": "vérifier un fichier sans l'importer",
        "en": "check a file without importing it",
    },
    "cli.help.path": {
        "fr": "dossier, .zip, .xlsx ou dossier Parquet",
        "en": "folder, .zip, .xlsx or Parquet folder",
    },
    "cli.help.report": {
        "fr": "écrire les problèmes dans un CSV à ouvrir dans Excel",
        "en": "write the problems to a CSV to open in Excel",
    },
    "cli.help.import": {
        "fr": "valider puis remplacer les données actives",
        "en": "validate, then replace the active data",
    },
    "cli.import_busy_now": {
        "fr": "Import refusé : un autre import est en cours. Les données actives n'ont pas "
        "changé ; réessayez une fois cet import terminé.",
        "en": "Import refused: another import is in progress. The active data has not "
        "changed; try again once that import is over.",
    },
    "cli.help.wait": {
        "fr": "secondes d'attente si un autre import est en cours (défaut : 600 ; 0 : ne pas attendre)",
        "en": "seconds to wait while another import is in progress (default: 600; 0: do not wait)",
    },
    "cli.help.export": {
        "fr": "écrire les données actives au format du contrat",
        "en": "write the active data in the contract format",
    },
    "cli.help.out": {"fr": "dossier de sortie", "en": "output folder"},
    "cli.help.format": {"fr": "format de sortie", "en": "output format"},
    "cli.help.demo": {
        "fr": "écrire les données de démonstration",
        "en": "write the demo data",
    },
    "cli.help.info": {
        "fr": "décrire les données actives",
        "en": "describe the active data",
    },
}

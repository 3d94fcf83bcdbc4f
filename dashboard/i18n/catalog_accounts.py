"""Catalog part: accounts, roles, the login page, open mode, the admin pages (users, audit
log, dataset versions), the upload on « Données », and their command line (issue 14)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    # The audit log's actions and outcomes (dashboard.accounts.audit), as the admin page shows them.
    "accounts.audit.action.login": {"fr": "connexion", "en": "sign-in"},
    "accounts.audit.action.logout": {"fr": "déconnexion", "en": "sign-out"},
    "accounts.audit.action.password": {"fr": "mot de passe", "en": "password"},
    "accounts.audit.action.user.add": {"fr": "compte créé", "en": "account added"},
    "accounts.audit.action.user.change": {"fr": "compte modifié", "en": "account changed"},
    "accounts.audit.action.user.remove": {"fr": "compte supprimé", "en": "account removed"},
    "accounts.audit.action.upload": {"fr": "fichier envoyé", "en": "file uploaded"},
    "accounts.audit.action.import": {"fr": "import", "en": "import"},
    "accounts.audit.action.activate": {"fr": "version réactivée", "en": "version reactivated"},
    "accounts.audit.outcome.ok": {"fr": "réussi", "en": "done"},
    "accounts.audit.outcome.failed": {"fr": "échoué", "en": "failed"},
    "accounts.audit.outcome.refused": {"fr": "refusé", "en": "refused"},
    # Roles.
    "accounts.role.admin": {"fr": "administrateur", "en": "administrator"},
    "accounts.role.consultant": {"fr": "consultant", "en": "consultant"},
    "accounts.role.manager": {"fr": "gestionnaire", "en": "manager"},
    # Refused account changes (dashboard.accounts.users.AccountError codes).
    "accounts.error.bad_login": {
        "fr": "Identifiant refusé : de 1 à {max} lettres sans accent, chiffres, « . », « _ », « @ » ou « - », commençant par une lettre ou un chiffre.",
        "en": "Login refused: 1 to {max} unaccented letters, digits, '.', '_', '@' or '-', starting with a letter or a digit.",
    },
    "accounts.error.password_short": {
        "fr": "Mot de passe trop court : {min} caractères au moins.",
        "en": "Password too short: at least {min} characters.",
    },
    "accounts.error.password_long": {
        "fr": "Mot de passe trop long : {max} caractères au plus.",
        "en": "Password too long: at most {max} characters.",
    },
    "accounts.error.bad_role": {
        "fr": "Rôle inconnu : choisissez parmi {roles}.",
        "en": "Unknown role: choose among {roles}.",
    },
    "accounts.error.bad_structure": {
        "fr": "Identifiant de structure refusé (64 caractères au plus).",
        "en": "Structure id refused (64 characters at most).",
    },
    "accounts.error.manager_needs_structure": {
        "fr": "Un gestionnaire est rattaché à au moins une structure (--structure ID).",
        "en": "A manager is bound to at least one structure (--structure ID).",
    },
    "accounts.error.structure_not_for_role": {
        "fr": "Seul un gestionnaire est rattaché à des structures : un {role} les voit toutes.",
        "en": "Only a manager is bound to structures: a {role} sees them all.",
    },
    "accounts.error.login_taken": {
        "fr": "L'identifiant {login} existe déjà.",
        "en": "The login {login} exists already.",
    },
    "accounts.error.unknown_login": {
        "fr": "Aucun compte n'a l'identifiant {login}.",
        "en": "No account has the login {login}.",
    },
    "accounts.error.unknown_structure": {
        "fr": "Structure inconnue des données actives : {structure}.",
        "en": "Structure unknown to the active data: {structure}.",
    },
    "accounts.error.last_admin": {
        "fr": "C'est le dernier administrateur : créez-en un autre d'abord.",
        "en": "This is the last administrator: create another one first.",
    },
    # The login page, the password page.
    "accounts.login.title": {"fr": "Connexion", "en": "Sign in"},
    "accounts.login.username": {"fr": "Identifiant", "en": "Login"},
    "accounts.login.password": {"fr": "Mot de passe", "en": "Password"},
    "accounts.login.submit": {"fr": "Se connecter", "en": "Sign in"},
    "accounts.login.hint": {
        "fr": "Pas de compte ? Demandez-en un à l'administrateur du tableau de bord.",
        "en": "No account? Ask the dashboard's administrator for one.",
    },
    "accounts.login.open_mode_hint": {
        "fr": "Aucun compte n'existe encore : l'application est ouverte à tous. Un administrateur crée le premier avec « python -m dashboard users add ».",
        "en": "No account exists yet: the app is open to everyone. An administrator creates the first one with 'python -m dashboard users add'.",
    },
    "accounts.login.failed": {
        "fr": "Identifiant ou mot de passe incorrect.",
        "en": "Wrong login or password.",
    },
    "accounts.login.too_many": {
        "fr": "Trop d'essais infructueux : réessayez dans quelques minutes.",
        "en": "Too many failed attempts: try again in a few minutes.",
    },
    "accounts.login.signed_out": {"fr": "Vous êtes déconnecté.", "en": "You are signed out."},
    "accounts.form_expired": {
        "fr": "Le formulaire a expiré : rechargez la page et recommencez.",
        "en": "The form has expired: reload the page and try again.",
    },
    "accounts.back": {"fr": "Retour au tableau de bord", "en": "Back to the dashboard"},
    "accounts.password.title": {"fr": "Changer mon mot de passe", "en": "Change my password"},
    "accounts.password.who": {
        "fr": "Compte {login} ({role}).",
        "en": "Account {login} ({role}).",
    },
    "accounts.password.current": {"fr": "Mot de passe actuel", "en": "Current password"},
    "accounts.password.new": {"fr": "Nouveau mot de passe", "en": "New password"},
    "accounts.password.new_hint": {
        "fr": "{min} caractères au moins ; une phrase de plusieurs mots convient bien.",
        "en": "At least {min} characters; a phrase of several words works well.",
    },
    "accounts.password.confirm": {
        "fr": "Nouveau mot de passe, une seconde fois",
        "en": "New password, once more",
    },
    "accounts.password.submit": {"fr": "Changer le mot de passe", "en": "Change the password"},
    "accounts.password.wrong": {
        "fr": "Le mot de passe actuel est incorrect.",
        "en": "The current password is wrong.",
    },
    "accounts.password.mismatch": {
        "fr": "Les deux nouveaux mots de passe diffèrent.",
        "en": "The two new passwords differ.",
    },
    "accounts.password.changed": {
        "fr": "Mot de passe changé. Vos autres sessions sont fermées.",
        "en": "Password changed. Your other sessions are closed.",
    },
    # The frame of the pages: open mode's banner, the account menu, the admin links.
    "accounts.open_mode.title": {"fr": "Mode ouvert.", "en": "Open mode."},
    "accounts.open_mode.body": {
        "fr": "Aucun compte n'existe : toute personne qui atteint cette application peut ouvrir la page de n'importe quelle structure. Créez un compte administrateur pour la réserver aux comptes.",
        "en": "No account exists: anyone who reaches this app can open any structure's page. Create an administrator account to restrict it to accounts.",
    },
    "accounts.nav.menu": {"fr": "Compte", "en": "Account"},
    "accounts.nav.signed_in": {
        "fr": "{login} ({role})",
        "en": "{login} ({role})",
    },
    "accounts.nav.password": {"fr": "Mot de passe", "en": "Password"},
    "accounts.nav.logout": {"fr": "Se déconnecter", "en": "Sign out"},
    "accounts.nav.users": {"fr": "Comptes", "en": "Accounts"},
    "accounts.nav.audit": {"fr": "Journal", "en": "Audit log"},
    "accounts.nav.versions": {"fr": "Versions", "en": "Versions"},
    "accounts.refused.structure": {
        "fr": "La structure « {value} » n'est pas accessible avec votre compte : elle n'est "
        "pas affichée.",
        "en": "The structure '{value}' is not available to your account: it is not shown.",
    },
    # Importing in the browser (« Données », admins).
    "accounts.upload.title": {"fr": "Importer des données", "en": "Import data"},
    "accounts.upload.kind": {"fr": "Type de fichier", "en": "Kind of file"},
    "accounts.upload.kind_dataset": {
        "fr": "Résultats du baromètre (structures et tests)",
        "en": "Barometer results (structures and tests)",
    },
    "accounts.upload.kind_indicators": {
        "fr": "Table d'indicateurs publics",
        "en": "Public indicator table",
    },
    "accounts.upload.file": {"fr": "Fichier", "en": "File"},
    "accounts.upload.file_hint": {
        "fr": "Un dossier en .zip, un classeur .xlsx, ou la paire structures.csv et tests.csv (200 Mo au plus). Rien ne change avant « Activer ».",
        "en": "A folder as .zip, an .xlsx workbook, or the pair structures.csv and tests.csv (200 MB at most). Nothing changes before 'Activate'.",
    },
    "accounts.upload.submit": {"fr": "Envoyer et vérifier", "en": "Upload and check"},
    "accounts.upload.received": {
        "fr": {"one": "Fichier reçu : {names}.", "other": "Fichiers reçus : {names}."},
        "en": {"one": "File received: {names}.", "other": "Files received: {names}."},
    },
    "accounts.upload.progress": {"fr": "Avancement de la vérification", "en": "Check progress"},
    "accounts.upload.validating": {
        "fr": "Vérification en cours : {stage}",
        "en": "Checking: {stage}",
    },
    "accounts.upload.valid": {
        "fr": "Fichier valide ({errors}, {warnings}) : « Activer » le rend actif.",
        "en": "Valid file ({errors}, {warnings}): 'Activate' makes it active.",
    },
    "accounts.upload.valid_dataset": {
        "fr": "Fichier valide ({errors}, {warnings}).",
        "en": "Valid file ({errors}, {warnings}).",
    },
    "accounts.upload.invalid": {
        "fr": "Fichier refusé ({errors}, {warnings}) : rien n'a changé. Corrigez les erreurs ci-dessous et envoyez-le à nouveau.",
        "en": "File refused ({errors}, {warnings}): nothing changed. Fix the errors below and upload it again.",
    },
    "accounts.upload.failed": {
        "fr": "La vérification a échoué : rien n'a changé. Réessayez ; si cela persiste, le journal du serveur en dit plus.",
        "en": "The check failed: nothing changed. Try again; if it persists, the server's log tells more.",
    },
    "accounts.upload.timeout": {
        "fr": "La vérification a duré plus de {minutes} min : elle a été arrêtée et rien n'a "
        "changé. Un fichier aussi long s'importe avec la commande python -m dashboard import.",
        "en": "The check took more than {minutes} min: it was stopped and nothing changed. A "
        "file that long is imported with the command python -m dashboard import.",
    },
    "accounts.upload.unknown": {
        "fr": "Cet envoi n'existe plus : envoyez le fichier à nouveau.",
        "en": "This upload no longer exists: upload the file again.",
    },
    "accounts.upload.activate": {"fr": "Activer", "en": "Activate"},
    "accounts.upload.contents": {
        "fr": "Il contient {structures} et {tests} ; « Activer » le met à la place du jeu de "
        "données actif.",
        "en": "It holds {structures} and {tests}; \u201cActivate\u201d puts it in place of the "
        "active dataset.",
    },
    "accounts.upload.reload": {
        "fr": "Afficher les données désormais actives",
        "en": "Show the data now active",
    },
    "accounts.upload.stranded": {
        "fr": {
            "one": "Attention : {n} compte de gestionnaire est lié à des structures absentes de "
            "ce fichier ; une fois le fichier activé, il ne les verra plus : {accounts}. "
            "Modifiez-le ensuite dans la page",
            "other": "Attention : {n} comptes de gestionnaire sont liés à des structures absentes "
            "de ce fichier ; une fois le fichier activé, ils ne les verront plus : {accounts}. "
            "Modifiez-les ensuite dans la page",
        },
        "en": {
            "one": "Warning: {n} manager account is bound to structures this file lacks; once "
            "the file is active, it will no longer see them: {accounts}. Change it afterwards "
            "on the page",
            "other": "Warning: {n} manager accounts are bound to structures this file lacks; "
            "once the file is active, they will no longer see them: {accounts}. Change them "
            "afterwards on the page",
        },
    },
    "accounts.upload.stranded_more": {
        "fr": {"one": "et {n} autre", "other": "et {n} autres"},
        "en": {"one": "and {n} more", "other": "and {n} more"},
    },
    "accounts.upload.activated": {
        "fr": "Importé : la version active est désormais {version}.",
        "en": "Imported: the active version is now {version}.",
    },
    "accounts.upload.not_valid": {
        "fr": "Cet envoi n'est pas valide (ou déjà activé) : rien n'a changé.",
        "en": "This upload is not valid (or already activated): nothing changed.",
    },
    "accounts.upload.report_csv": {
        "fr": "Télécharger le rapport (CSV)",
        "en": "Download the report (CSV)",
    },
    "accounts.upload.no_problem": {"fr": "Aucun problème trouvé.", "en": "No problem found."},
    "accounts.upload.col_severity": {"fr": "Gravité", "en": "Severity"},
    "accounts.upload.col_problem": {"fr": "Problème", "en": "Problem"},
    "accounts.upload.report_caption": {
        "fr": "Rapport de vérification : les erreurs une à une, puis les avertissements regroupés par sorte",
        "en": "Check report: errors one by one, then warnings grouped by kind",
    },
    "accounts.upload.report_cut": {
        "fr": "{shown} premières lignes sur {total} : le rapport CSV les contient toutes.",
        "en": "First {shown} lines of {total}: the CSV report holds them all.",
    },
    "accounts.upload.error.too_large": {
        "fr": "Fichier refusé : plus de {megabytes} Mo. Rien n'a changé.",
        "en": "File refused: over {megabytes} MB. Nothing changed.",
    },
    "accounts.upload.error.no_file": {
        "fr": "Aucun fichier reçu : choisissez-en un.",
        "en": "No file received: choose one.",
    },
    "accounts.upload.error.too_many_files": {
        "fr": "Trop de fichiers : un seul, ou la paire structures.csv et tests.csv.",
        "en": "Too many files: one, or the pair structures.csv and tests.csv.",
    },
    "accounts.upload.error.bad_type": {
        "fr": "Type de fichier non lu : .zip, .xlsx ou .csv.",
        "en": "File type not read: .zip, .xlsx or .csv.",
    },
    "accounts.upload.error.bad_pair": {
        "fr": "Deux fichiers : ce doivent être structures.csv et tests.csv.",
        "en": "Two files: they must be structures.csv and tests.csv.",
    },
    "accounts.upload.error.bad_kind": {
        "fr": "Type d'import inconnu.",
        "en": "Unknown kind of import.",
    },
    "accounts.upload.error.form_expired": {
        "fr": "Le formulaire a expiré : rechargez la page et recommencez. Rien n'a changé.",
        "en": "The form has expired: reload the page and try again. Nothing changed.",
    },
    # The admin pages.
    "accounts.error.confirm_remove": {
        "fr": "Rien n'a été supprimé : cochez « Je confirme la suppression du compte ».",
        "en": "Nothing was removed: tick \u201cI confirm removing the account\u201d.",
    },
    "accounts.error.not_yourself": {
        "fr": "Vous ne pouvez ni supprimer votre propre compte ni changer son rôle.",
        "en": "You can neither remove your own account nor change its role.",
    },
    "accounts.error.form_expired": {
        "fr": "Le formulaire a expiré : rechargez la page et recommencez.",
        "en": "The form has expired: reload the page and try again.",
    },
    "accounts.admin.users_title": {"fr": "Comptes", "en": "Accounts"},
    "accounts.admin.users_caption": {
        "fr": "Les comptes et leur rôle",
        "en": "The accounts and their role",
    },
    "accounts.admin.col.login": {"fr": "Identifiant", "en": "Login"},
    "accounts.admin.col.role": {"fr": "Rôle", "en": "Role"},
    "accounts.admin.col.structures": {"fr": "Structures", "en": "Structures"},
    "accounts.admin.change_title": {"fr": "Modifier un compte", "en": "Change an account"},
    "accounts.admin.login": {"fr": "Identifiant", "en": "Login"},
    "accounts.admin.operation": {"fr": "Opération", "en": "Operation"},
    "accounts.admin.op_remove": {"fr": "Supprimer le compte", "en": "Remove the account"},
    "accounts.admin.op_password": {"fr": "Définir le mot de passe", "en": "Set the password"},
    "accounts.admin.op_role": {
        "fr": "Changer le rôle et les structures",
        "en": "Change the role and structures",
    },
    "accounts.admin.role": {"fr": "Rôle", "en": "Role"},
    "accounts.admin.structures": {"fr": "Structures", "en": "Structures"},
    "accounts.admin.structures_hint": {
        "fr": "Pour un gestionnaire : les identifiants de ses structures, séparés par des espaces ou des virgules.",
        "en": "For a manager: the ids of its structures, separated by spaces or commas.",
    },
    "accounts.admin.password": {"fr": "Mot de passe", "en": "Password"},
    "accounts.admin.apply": {"fr": "Appliquer", "en": "Apply"},
    "accounts.admin.add_title": {"fr": "Créer un compte", "en": "Create an account"},
    "accounts.admin.add": {"fr": "Créer le compte", "en": "Create the account"},
    "accounts.admin.added": {"fr": "Compte {login} créé.", "en": "Account {login} created."},
    "accounts.admin.changed": {"fr": "Compte {login} modifié.", "en": "Account {login} changed."},
    "accounts.admin.removed": {"fr": "Compte {login} supprimé.", "en": "Account {login} removed."},
    "accounts.admin.confirm_remove": {
        "fr": "Je confirme la suppression du compte (pour « Supprimer le compte »)",
        "en": "I confirm removing the account (for \u201cRemove the account\u201d)",
    },
    "accounts.admin.versions_title": {"fr": "Versions des données", "en": "Dataset versions"},
    "accounts.admin.caption": {
        "fr": "Les versions importées conservées (les 5 dernières), la plus récemment activée d'abord",
        "en": "The imported versions kept (the last 5), the most recently activated first",
    },
    "accounts.admin.col.date": {"fr": "Importée le", "en": "Imported on"},
    "accounts.admin.col.who": {"fr": "Par", "en": "By"},
    "accounts.admin.col.file": {"fr": "Fichier", "en": "File"},
    "accounts.admin.col.tests": {"fr": "Tests", "en": "Tests"},
    "accounts.admin.col.version": {"fr": "Version", "en": "Version"},
    "accounts.admin.col.state": {"fr": "État", "en": "State"},
    "accounts.admin.active": {"fr": "active", "en": "active"},
    "accounts.admin.reactivate": {"fr": "Réactiver", "en": "Reactivate"},
    "accounts.admin.none": {
        "fr": "Aucune version importée : les données de démonstration sont actives.",
        "en": "No version imported: the demo data is active.",
    },
    "accounts.admin.unknown_version": {
        "fr": "Cette version n'est plus conservée : rien n'a changé.",
        "en": "This version is no longer kept: nothing changed.",
    },
    "accounts.admin.audit_title": {"fr": "Journal d'audit", "en": "Audit log"},
    "accounts.admin.audit_caption": {
        "fr": {
            "one": "{count} entrée du journal, la plus récente",
            "other": "Les {count} dernières entrées du journal, la plus récente d'abord",
        },
        "en": {
            "one": "{count} entry of the log, the latest",
            "other": "The latest {count} entries of the log, latest first",
        },
    },
    "accounts.admin.col.when": {"fr": "Quand (UTC)", "en": "When (UTC)"},
    "accounts.admin.col.where": {"fr": "D'où", "en": "From"},
    "accounts.admin.col.what": {"fr": "Action", "en": "Action"},
    "accounts.admin.col.target": {"fr": "Objet", "en": "About"},
    "accounts.admin.col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "accounts.admin.col.detail": {"fr": "Détail", "en": "Detail"},
    "accounts.admin.action": {"fr": "Action", "en": "Action"},
    "accounts.admin.all": {"fr": "Toutes", "en": "All"},
    "accounts.admin.filter": {"fr": "Filtrer", "en": "Filter"},
    # Command line.
    "accounts.cli.help.users": {"fr": "gérer les comptes", "en": "manage the accounts"},
    "accounts.cli.help.add": {"fr": "créer un compte", "en": "create an account"},
    "accounts.cli.help.list": {"fr": "lister les comptes", "en": "list the accounts"},
    "accounts.cli.help.passwd": {
        "fr": "changer le mot de passe d'un compte",
        "en": "change an account's password",
    },
    "accounts.cli.help.remove": {"fr": "supprimer un compte", "en": "remove an account"},
    "accounts.cli.help.role": {
        "fr": "admin (imports, comptes, journal), consultant (tout, nominatif) ou manager (ses structures, pairs anonymes)",
        "en": "admin (imports, accounts, log), consultant (everything, named) or manager (its structures, anonymous peers)",
    },
    "accounts.cli.help.structure": {
        "fr": "structure d'un gestionnaire (répéter pour plusieurs)",
        "en": "a manager's structure (repeat for several)",
    },
    "accounts.cli.help.stdin": {
        "fr": "lire le mot de passe sur l'entrée standard (première ligne)",
        "en": "read the password from standard input (first line)",
    },
    "accounts.cli.help.audit": {
        "fr": "lire le journal d'audit (le plus récent d'abord)",
        "en": "read the audit log (latest first)",
    },
    "accounts.cli.help.versions": {
        "fr": "lister les versions de données conservées",
        "en": "list the dataset versions kept",
    },
    "accounts.cli.help.activate": {
        "fr": "réactiver une version de données conservée",
        "en": "reactivate a dataset version kept",
    },
    "accounts.cli.password_stdin_needed": {
        "fr": "Donnez le mot de passe sur l'entrée standard avec --password-stdin (jamais en argument : il resterait dans l'historique).",
        "en": "Give the password on standard input with --password-stdin (never as an argument: it would stay in the history).",
    },
    "accounts.cli.added": {
        "fr": "Compte {login} créé ({role}).",
        "en": "Account {login} created ({role}).",
    },
    "accounts.cli.none": {
        "fr": "Aucun compte : l'application est en mode ouvert.",
        "en": "No account: the app runs in open mode.",
    },
    "accounts.cli.list_line": {"fr": "{login} ({role})", "en": "{login} ({role})"},
    "accounts.cli.count": {
        "fr": {"one": "{count} compte.", "other": "{count} comptes."},
        "en": {"one": "{count} account.", "other": "{count} accounts."},
    },
    "accounts.cli.password_set": {
        "fr": "Mot de passe de {login} changé ; ses sessions ouvertes sont fermées.",
        "en": "Password of {login} changed; its open sessions are closed.",
    },
    "accounts.cli.removed": {"fr": "Compte {login} supprimé.", "en": "Account {login} removed."},
    "accounts.cli.audit_empty": {
        "fr": "Le journal d'audit est vide.",
        "en": "The audit log is empty.",
    },
    "accounts.cli.no_versions": {
        "fr": "Aucune version importée : les données de démonstration sont actives.",
        "en": "No version imported: the demo data is active.",
    },
    "accounts.cli.version_line": {
        "fr": "{mark} {version}  {when}  {who}  {source}  {structures} structures, {tests} tests",
        "en": "{mark} {version}  {when}  {who}  {source}  {structures} structures, {tests} tests",
    },
    "accounts.cli.unknown_version": {
        "fr": "Version inconnue : {version}. Versions conservées : {known}.",
        "en": "Unknown version: {version}. Versions kept: {known}.",
    },
    "accounts.cli.activated": {
        "fr": "La version active est désormais {version}.",
        "en": "The active version is now {version}.",
    },
}

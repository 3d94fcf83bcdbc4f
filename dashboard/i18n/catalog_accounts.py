"""Catalog part: accounts, roles, the login page, open mode, the admin pages (users, audit
log, dataset versions), the upload on « Données », and their command line (issue 14)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
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
        "fr": "La structure « {value} » ne fait pas partie des vôtres : elle n'est pas affichée.",
        "en": "The structure '{value}' is not one of yours: it is not shown.",
    },
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

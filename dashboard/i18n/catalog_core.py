"""Catalog part: codes' labels, validation messages, CLI text. Keys by domain prefix."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Category labels (contract §2).
    "category.city_50k_plus": {
        "fr": "Villes de plus de 50 000 habitants",
        "en": "Cities over 50,000 inhabitants",
    },
    "category.city_20k_50k": {
        "fr": "Villes de 20 000 à 50 000 habitants",
        "en": "Cities of 20,000–50,000 inhabitants",
    },
    "category.intermunicipality": {"fr": "Intercommunalités", "en": "Intermunicipalities"},
    "category.department": {"fr": "Conseils départementaux", "en": "Departmental councils"},
    "category.region": {"fr": "Conseils régionaux", "en": "Regional councils"},
    "category.france_services": {
        "fr": "Maisons France Services",
        "en": "France Services centres",
    },
    "category.social_services": {
        "fr": "Services sociaux, d'aide à la personne, de solidarité et de santé",
        "en": "Social, assistance, solidarity and health services",
    },
    "category.economic_development": {
        "fr": "Services d'aménagement et de développement économique",
        "en": "Planning and economic development services",
    },
    # Channel labels.
    "channel.physical": {"fr": "Accueil physique", "en": "In person"},
    "channel.phone": {"fr": "Téléphone", "en": "Phone"},
    "channel.email": {"fr": "Courriel", "en": "Email"},
    "channel.mail": {"fr": "Courrier", "en": "Letter"},
    "channel.website": {"fr": "Site internet", "en": "Website"},
    "channel.social": {"fr": "Réseaux sociaux", "en": "Social networks"},
    # Criterion labels (the usual ones; others are shown by their readable name).
    "criterion.crit_accessibility": {"fr": "Accessibilité", "en": "Accessibility"},
    "criterion.crit_responsiveness": {"fr": "Réactivité", "en": "Responsiveness"},
    "criterion.crit_courtesy": {"fr": "Courtoisie", "en": "Courtesy"},
    "criterion.crit_personalisation": {"fr": "Personnalisation", "en": "Personalisation"},
    "criterion.crit_answer_quality": {"fr": "Qualité de la réponse", "en": "Answer quality"},
    "criterion.crit_service_commitments": {
        "fr": "Engagements de service (Services Publics+)",
        "en": "Service commitments (Services Publics+)",
    },
    # Table names.
    "table.structures": {"fr": "structures", "en": "structures"},
    "table.tests": {"fr": "tests", "en": "tests"},
}

"""Libraries' texts that citizens see, in the portal's catalogue (formal "Sie").

Django looks a message up in the project's catalogue (LOCALE_PATHS) before
the installed apps', and some of those say "du": allauth's German
catalogue, and Django REST framework's, which (being an installed app)
also wins over Django's own for the validators' messages ("Gib eine
gültige E-Mail Adresse an."). makemessages keeps only what it finds in the
portal's sources, so those msgids are listed here. allauth's templates and
its adapter's messages are the portal's own (templates/account/,
accounts.adapter). tests/i18n/test_formal_german.py renders the account
pages and mails and fails if "du" slips through.
"""

from django.utils.translation import gettext_noop

# Django's validators, translated with "du" by Django REST framework.
DJANGO_VALIDATOR_TEXTS = (
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
)

# Wagtail's workflow buttons read "In <workflow> einreichen"; with the German
# names of pages/migrations/0006 they read "Zur Freigabe durch die Redaktion
# einreichen" and "Erneut zur Freigabe einreichen". Its reviewers "Freigeben"
# but "Mit Kommentar genehmigen": one verb for one action.
WAGTAIL_ADMIN_TEXTS = (
    gettext_noop("Submit to %(workflow_name)s"),
    gettext_noop("Resubmit to %(task_name)s"),
    gettext_noop("Approve with comment"),
)

# allauth's forms.
ALLAUTH_FORM_TEXTS = (
    gettext_noop("You must type the same password each time."),
    gettext_noop("You must type the same email each time."),
    gettext_noop("Forgot your password?"),
    gettext_noop("Remember Me"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Password (again)"),
    gettext_noop("Email address"),
    gettext_noop("Email"),
)

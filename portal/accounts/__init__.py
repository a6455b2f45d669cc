"""Sign-in and account security: lockout (django-axes), two-factor authentication
(django-otp: TOTP and recovery codes), single sign-on over OpenID Connect
(mozilla-django-oidc), password rules and session lifetimes. See ``docs/logins.md``."""

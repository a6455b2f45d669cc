from oauth2_provider.oauth2_validators import OAuth2Validator


class MinistryValidator(OAuth2Validator):
    """Claims as a ministry's directory would give them: the account name, the person's
    names and a ``roles`` claim made of the user's groups."""

    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request):
        user = request.user
        return {
            "preferred_username": user.username,
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "roles": sorted(user.groups.values_list("name", flat=True)),
        }

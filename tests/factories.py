"""factory-boy factories for data the demo set does not already hold."""

from __future__ import annotations

from typing import cast

import factory

from netral.accounts.models import StaffRole, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("test-password-123")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        for role in extracted or []:
            # factory_boy passes the built User as the first argument.
            StaffRole.objects.create(user=cast(User, self), role=role)

import pytest

from tests.factories import (
    ReviewerFactory,
    StaffFactory,
    StaffReviewerFactory,
    SuperuserFactory,
    UserFactory,
)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def reviewer(db):
    return ReviewerFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def superuser(db):
    return SuperuserFactory()


@pytest.fixture
def staff_reviewer(db):
    return StaffReviewerFactory()

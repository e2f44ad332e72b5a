"""Django models of the register. Column names equal the data-package columns (a foreign key
``mission`` has the column ``mission_id``), so that load and export are a plain mapping; the
allowed values come from ``peaceops.model.vocabulary``."""

from __future__ import annotations

from django.db import models

from peaceops.model import vocabulary as V


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v.replace("_", " ")) for v in values]


def _code(values, **kwargs) -> models.CharField:
    return models.CharField(max_length=40, choices=_choices(values), **kwargs)


def _source(nullable: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        "Source", on_delete=models.PROTECT, related_name="+", null=nullable, blank=nullable
    )


def _confidence() -> models.CharField:
    return _code(V.CONFIDENCES, default="high")


class SharedRecord(models.Model):
    """What makes a meeting or an exchange shareable: curated rows are public; records that
    coordination officers contribute belong to their organization and carry a sensitivity."""

    origin = _code(V.ORIGINS, default="curated", db_index=True)
    sensitivity = _code(V.SENSITIVITIES, default="public", db_index=True)
    owner_organization = models.ForeignKey(
        "Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_with = models.ManyToManyField("Organization", blank=True, related_name="+")
    evidence = models.TextField(blank=True)  # a contributor's basis when no public source exists

    class Meta:
        abstract = True


class Source(models.Model):
    id = models.SlugField(primary_key=True, max_length=120)
    kind = _code(V.SOURCE_KINDS)
    citation = models.TextField()
    document_symbol = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    published = models.CharField(max_length=10, blank=True)  # YYYY, YYYY-MM or YYYY-MM-DD
    accessed = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.document_symbol or self.id


class Organization(models.Model):
    id = models.SlugField(primary_key=True, max_length=80)
    acronym = models.CharField(max_length=80)
    name = models.CharField(max_length=300)
    kind = _code(V.ORGANIZATION_KINDS)
    scope = _code(V.ORGANIZATION_SCOPES)
    source = _source()

    def __str__(self) -> str:
        return self.acronym


class OrganizationAlias(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    # required in the data package; nullable here only so that existing databases migrate
    source = _source(nullable=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "alias"], name="uniq_alias")]


class Act(models.Model):
    id = models.SlugField(primary_key=True, max_length=120)
    body = _code(V.ACT_BODIES)
    # Empty only for agreements between states that no organization issued.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="acts"
    )
    symbol = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    source = _source()

    def __str__(self) -> str:
        return self.symbol or self.title


class Mission(models.Model):
    id = models.SlugField(primary_key=True, max_length=80)
    acronym = models.CharField(max_length=80, blank=True)
    name = models.CharField(max_length=300)
    lead_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="missions_led"
    )
    kind = _code(V.MISSION_KINDS)
    start_date = models.DateField()
    start_precision = _code(V.DATE_PRECISIONS)
    end_date = models.DateField(null=True, blank=True)
    end_precision = _code(V.DATE_PRECISIONS, blank=True)
    headquarters = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    source = _source()
    confidence = _confidence()
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.acronym or self.name


class MissionPartner(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    role = _code(V.PARTNER_ROLES)
    source = _source()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mission", "organization"], name="uniq_partner")
        ]


class MissionCountry(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="countries")
    country = models.CharField(max_length=3, db_index=True)
    start_date = models.DateField(null=True, blank=True)  # empty: from the mission's start
    end_date = models.DateField(null=True, blank=True)  # empty: until the mission's end
    source = _source()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mission", "country"], name="uniq_mission_country")
        ]


class MissionAct(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="mission_acts")
    act = models.ForeignKey(Act, on_delete=models.PROTECT, related_name="mission_acts")
    action = _code(V.ACT_ACTIONS)
    source = _source()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mission", "act", "action"], name="uniq_mission_act")
        ]


class MissionFunction(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="functions")
    function = _code(V.FUNCTIONS)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    act = models.ForeignKey(Act, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source = _source()
    confidence = _confidence()


class MissionPersonnel(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="personnel")
    date = models.DateField()
    category = _code(V.PERSONNEL_CATEGORIES)
    measure = _code(V.PERSONNEL_MEASURES)
    count = models.PositiveIntegerField()
    source = _source()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "date", "category", "measure"], name="uniq_personnel"
            )
        ]


class Transition(models.Model):
    id = models.SlugField(primary_key=True, max_length=120)
    from_mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="+")
    to_mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="+")
    kind = _code(V.TRANSITION_KINDS)
    date = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    source = _source()
    confidence = _confidence()


class Meeting(SharedRecord):
    id = models.SlugField(primary_key=True, max_length=120)
    name = models.CharField(max_length=300)
    theater = models.CharField(max_length=3, db_index=True)
    kind = _code(V.MEETING_KINDS)
    regularity = _code(V.REGULARITIES, blank=True)
    level = _code(V.LEVELS, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    source = _source(nullable=True)  # contributed rows may rest on evidence instead
    confidence = _confidence()


class MeetingParticipant(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    mission = models.ForeignKey(
        Mission, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = _source(nullable=True)  # contributed rows may rest on evidence instead


class Exchange(SharedRecord):
    id = models.SlugField(primary_key=True, max_length=120)
    theater = models.CharField(max_length=3, db_index=True)
    giver_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    giver_mission = models.ForeignKey(
        Mission, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receiver_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+"
    )
    receiver_mission = models.ForeignKey(
        Mission, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    capability = _code(V.CAPABILITIES)
    regularity = _code(V.REGULARITIES, blank=True)
    formality = _code(V.FORMALITIES, blank=True)
    level = _code(V.LEVELS, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField()
    source = _source(nullable=True)  # contributed rows may rest on evidence instead
    confidence = _confidence()


class Absence(models.Model):
    id = models.SlugField(primary_key=True, max_length=120)
    theater = models.CharField(max_length=3, db_index=True)
    interaction = _code(V.INTERACTIONS)
    capability = _code(V.CAPABILITIES, blank=True)
    function = _code(V.FUNCTIONS, blank=True)
    description = models.TextField()
    source = _source()
    confidence = _confidence()


class AbsenceParty(models.Model):
    absence = models.ForeignKey(Absence, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["absence", "organization"], name="uniq_absence_party")
        ]


class Friction(models.Model):
    id = models.SlugField(primary_key=True, max_length=120)
    theater = models.CharField(max_length=3, db_index=True)
    kind = _code(V.FRICTION_KINDS)
    organization_a = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    mission_a = models.ForeignKey(
        Mission, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization_b = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    mission_b = models.ForeignKey(
        Mission, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField()
    source = _source()
    confidence = _confidence()


class CrosscheckException(models.Model):
    dataset = _code(V.REFERENCE_DATASETS)
    reference_key = models.CharField(max_length=120)
    field = _code(V.CROSSCHECK_FIELDS)
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    explanation = models.TextField()
    source = _source()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "reference_key", "field"], name="uniq_crosscheck_exception"
            )
        ]


class Membership(models.Model):
    """An account belongs to one organization and has one role there."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="membership")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    role = _code(V.ROLES, default="viewer")


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEntry(models.Model):
    """One entry per change, written in the same transaction as the change; never altered."""

    time = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=150)
    organization = models.CharField(max_length=80, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=160)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    # visibility of the entry follows the record it is about
    sensitivity = _code(V.SENSITIVITIES, default="public")
    owner_organization = models.CharField(max_length=80, blank=True)
    shared_with = models.CharField(max_length=500, blank=True)  # ",eu,osce," for lookups

    objects = AppendOnlyQuerySet.as_manager()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class Proposal(models.Model):
    """A contributor's proposed change to reference data, waiting for a curator."""

    resource = models.CharField(max_length=40)
    record_id = models.CharField(max_length=160)
    changes = models.JSONField()
    rationale = models.TextField(blank=True)
    proposer = models.CharField(max_length=150)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, default="pending", db_index=True)
    reviewer = models.CharField(max_length=150, blank=True)
    comment = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    reviewed = models.DateTimeField(null=True, blank=True)


class RegisterState(models.Model):
    """One row: a version number bumped by every write, so readers can cache safely."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)


# Data-package resource name → model. The order of the package descriptor governs loading.
RESOURCE_MODELS: dict[str, type[models.Model]] = {
    "sources": Source,
    "organizations": Organization,
    "organization_aliases": OrganizationAlias,
    "acts": Act,
    "missions": Mission,
    "mission_partners": MissionPartner,
    "mission_countries": MissionCountry,
    "mission_acts": MissionAct,
    "mission_functions": MissionFunction,
    "mission_personnel": MissionPersonnel,
    "transitions": Transition,
    "meetings": Meeting,
    "meeting_participants": MeetingParticipant,
    "exchanges": Exchange,
    "absences": Absence,
    "absence_parties": AbsenceParty,
    "frictions": Friction,
    "crosscheck_exceptions": CrosscheckException,
}

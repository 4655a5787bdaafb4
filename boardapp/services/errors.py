"""Refusals a service gives the user, each with a message that says what to do."""


class ServiceError(Exception):
    """Base for refusals: `str()` is shown to the user as it is."""


class NotFound(ServiceError):
    pass


class MinutesLocked(ServiceError):
    """The minutes were approved and locked; editing needs an explicit, recorded reopening."""


class InvalidChange(ServiceError):
    pass

"""Hand-compiled SQL for the registration POST, the path a registration rush takes.

The ORM spent more CPU compiling the rush path's queries than PostgreSQL spent
running them (about 0.5-1 ms per query: column lists, joins, converters). The
few queries of that path are written here once, with column lists and value
converters taken from the models' ``_meta`` when the process first needs them,
so a field added to a model is read and written here too. The rows become
ordinary model instances (``Model.from_db``), exactly as a queryset builds them.

- ``type_with_event``: one registration type and its event in one query,
  optionally ``FOR UPDATE`` (which locks both rows, like the ORM's
  ``select_for_update().select_related("event")``);
- ``form_rows``: a type's form sections and questions as plain rows (the
  registration form's cache key);
- ``insert_registration``: the registration, its audit entry and (on the
  database task backend) its email task in one ``INSERT … RETURNING`` statement
  on PostgreSQL: one round trip instead of three. Other databases use the ORM.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import connection, models
from django.db.models import signals

from podium.events.models import Event
from podium.registration.models import (
    AuditEntry,
    FormSection,
    Question,
    Registration,
    RegistrationType,
)


@functools.cache
def _columns(model: type[models.Model]) -> tuple[tuple[str, ...], tuple[models.Field, ...]]:
    """(column names, fields) of every concrete field, in ``_meta`` order."""
    fields = tuple(model._meta.concrete_fields)
    return tuple(f.column for f in fields), fields


def _converters(model: type[models.Model], attnames: tuple[str, ...] | None = None):
    """Per column, the value converters the ORM would apply (JSON text -> dict, …): a list of
    (column index, [(converter, column expression)]) for the columns that need any."""
    return _vendor_converters(model, attnames, connection.vendor)


@functools.cache
def _vendor_converters(
    model: type[models.Model], attnames: tuple[str, ...] | None, vendor: str
) -> list[tuple[int, list]]:
    fields = _columns(model)[1]
    if attnames is not None:
        fields = [model._meta.get_field(name) for name in attnames]
    found = []
    for index, field in enumerate(fields):
        col = field.get_col(model._meta.db_table)
        chain = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if chain:
            found.append((index, [(c, col) for c in chain]))
    return found


def _convert(values: list[Any], converters, offset: int = 0) -> list[Any]:
    for index, chain in converters:
        value = values[offset + index]
        if value is None:
            continue
        for converter, col in chain:
            value = converter(value, col, connection)
        values[offset + index] = value
    return values


def select_list(model: type[models.Model], alias: str) -> str:
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(c)}" for c in _columns(model)[0])


def from_row(model: type[models.Model], values: list[Any]) -> models.Model:
    """A model instance from a full row, converted as the ORM converts it."""
    _convert(values, _converters(model))
    return model.from_db(connection.alias, _field_names(model), values)


@functools.cache
def _field_names(model: type[models.Model]) -> list[str]:
    return [f.attname for f in _columns(model)[1]]


@functools.lru_cache(maxsize=32)
def _type_sql(where: str, lock: bool, vendor: str) -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {select_list(RegistrationType, 't')}, {select_list(Event, 'e')}"
        f" FROM {quote(RegistrationType._meta.db_table)} t"
        f" INNER JOIN {quote(Event._meta.db_table)} e ON e.{quote('id')} = t.{quote('event_id')}"
        f" WHERE {where}"
        + (" FOR UPDATE" if lock and connection.features.has_select_for_update else "")
    )


def type_with_event_query(where: str, params: list[Any], *, lock: bool = False):
    """(sql, params) of ``type_with_event``, to run elsewhere (a pipeline); ``type_from_row``."""
    return _type_sql(where, lock, connection.vendor), params


def type_from_row(row) -> RegistrationType:
    split = len(_columns(RegistrationType)[0])
    rtype = from_row(RegistrationType, list(row[:split]))
    rtype.event = from_row(Event, list(row[split:]))
    return rtype


def type_with_event(
    where: str, params: list[Any], *, lock: bool = False
) -> RegistrationType | None:
    """The registration type matching ``where`` (on alias ``t``; the event is ``e``) with its
    event attached, in one query; ``lock``: ``FOR UPDATE`` on both rows until the transaction ends.

    ``where`` is SQL text written in this code (values go in ``params``), never user input.
    """
    with connection.cursor() as cursor:
        cursor.execute(*type_with_event_query(where, params, lock=lock))
        row = cursor.fetchone()
    return None if row is None else type_from_row(row)


@functools.lru_cache(maxsize=8)
def _form_sql(section_columns: tuple[str, ...], question_columns: tuple[str, ...], vendor: str):
    quote = connection.ops.quote_name
    section = ", ".join(
        f"s.{quote(FormSection._meta.get_field(c).column)}" for c in section_columns
    )
    question = ", ".join(f"q.{quote(Question._meta.get_field(c).column)}" for c in question_columns)
    order, id_, fk = quote("order"), quote("id"), quote("section_id")
    return (
        f"SELECT {section}, {question} FROM {quote(FormSection._meta.db_table)} s"
        f" LEFT OUTER JOIN {quote(Question._meta.db_table)} q ON q.{fk} = s.{id_}"
        f" WHERE s.{quote('registration_type_id')} = %s"
        f" ORDER BY s.{order}, s.{id_}, q.{order}, q.{id_}"
    )


def form_rows(
    registration_type_id: int, section_columns: tuple[str, ...], question_columns: tuple[str, ...]
) -> tuple[tuple, ...]:
    """The type's sections, each joined with its questions (NULLs for a section without any),
    in form order: ``section_columns`` then ``question_columns`` (attribute names) per row."""
    with connection.cursor() as cursor:
        cursor.execute(
            _form_sql(section_columns, question_columns, connection.vendor),
            [registration_type_id],
        )
        rows = cursor.fetchall()
    sections = _converters(FormSection, section_columns)
    questions = _converters(Question, question_columns)
    width = len(section_columns)
    return tuple(tuple(_convert(_convert(list(row), sections), questions, width)) for row in rows)


def insert_values(instance: models.Model, *, skip: tuple[str, ...] = ()) -> tuple[tuple, list]:
    """(columns, database values) to insert ``instance``, as ``Model.save`` would compute them
    (``auto_now_add`` and defaults applied; the auto primary key left to the database)."""
    columns, values = [], []
    for field in _columns(type(instance))[1]:
        if field.attname in skip or (
            field.primary_key and getattr(instance, field.attname) is None
        ):
            continue
        value = field.pre_save(instance, True)
        columns.append(field.column)
        values.append(field.get_db_prep_save(value, connection))
    return tuple(columns), values


@functools.lru_cache(maxsize=8)
def _insert_sql(registration: tuple, audit: tuple, task: tuple | None, task_table: str) -> str:
    """PostgreSQL: the registration, then its children in the same statement, given the new
    id by a scalar subquery on ``r`` (VALUES lists type their parameters by the target column,
    with client- or server-side parameter binding alike)."""
    quote = connection.ops.quote_name
    id_ = quote("id")

    def insert(table, columns, *extra):
        names = ", ".join(map(quote, columns + tuple(name for name, _ in extra)))
        marks = ", ".join(["%s"] * len(columns) + [value for _, value in extra])
        return f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"

    new_id = f"(SELECT {id_} FROM r)"
    sql = (
        f"WITH r AS ({insert(Registration._meta.db_table, registration)} RETURNING {id_})"
        f", a AS ({insert(AuditEntry._meta.db_table, audit, ('registration_id', new_id))}"
        f" RETURNING {id_})"
    )
    if task is not None:
        args = f"jsonb_set(%s::jsonb, '{{args,0}}', to_jsonb({new_id}))"
        sql += f", k AS ({insert(task_table, task, ('args_kwargs', args))})"
    return sql + f" SELECT r.{id_}, a.{id_} FROM r, a"


def insert_registration(
    registration: Registration, audit: AuditEntry, task_row: models.Model | None = None
) -> None:
    """Insert ``registration`` with its ``audit`` entry (and a task row whose first positional
    argument is the registration's id) and set their primary keys, as ``save()`` each would
    (``pre_save``/``post_save`` signals included).

    PostgreSQL: one statement, the children taking the new id from ``RETURNING``.
    Elsewhere: ``save()`` each (SQLite has no data-modifying WITH).
    """
    if connection.vendor != "postgresql":
        registration.save()
        audit.registration = registration
        audit.save(force_insert=True)
        if task_row is not None:
            task_row.args_kwargs["args"][0] = registration.pk
            task_row.save(force_insert=True)
        return
    instances = [registration, audit] + ([task_row] if task_row is not None else [])
    for instance in instances:
        signals.pre_save.send(
            type(instance), instance=instance, raw=False, using=connection.alias, update_fields=None
        )
    registration_columns, params = insert_values(registration)
    audit_columns, values = insert_values(audit, skip=("registration_id",))
    params += values
    task_columns, task_table = None, ""
    if task_row is not None:
        task_columns, values = insert_values(task_row, skip=("args_kwargs",))
        task_table = task_row._meta.db_table
        field = task_row._meta.get_field("args_kwargs")
        params += [*values, field.get_db_prep_save(task_row.args_kwargs, connection)]
    sql = _insert_sql(registration_columns, audit_columns, task_columns, task_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        registration.pk, audit.pk = cursor.fetchone()
    audit.registration = registration
    if task_row is not None:
        task_row.args_kwargs["args"][0] = registration.pk
    for instance in instances:
        instance._state.adding = False
        instance._state.db = connection.alias
        signals.post_save.send(
            type(instance),
            instance=instance,
            created=True,
            update_fields=None,
            raw=False,
            using=connection.alias,
        )

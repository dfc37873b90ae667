"""A concise console logger for runs: progress lines instead of Dagster's per-event chatter.

It replaces the default ``console`` logger for every job, so `tumen run`, scheduled runs and
`dagster dev` print the same thing: stage and source messages, each asset built, every failed
check with its reason, and step failures.
"""

import logging
import sys

import dagster as dg

_SHOWN_EVENTS = {"STEP_FAILURE", "RUN_FAILURE", "ASSET_MATERIALIZATION", "ASSET_CHECK_EVALUATION"}


class ProgressFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        stamp = self.formatTime(record, "%H:%M:%S")
        if event is None:
            return f"{stamp}  {meta.get('orig_message', record.getMessage())}"
        kind = event.event_type_value
        if kind == "ASSET_MATERIALIZATION":
            return f"{stamp}  built {event.asset_key.to_user_string()}"
        if kind == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            verdict = "passed" if evaluation.passed else f"FAILED ({evaluation.severity.value})"
            detail = "" if evaluation.passed else f": {evaluation.description or ''}"
            return f"{stamp}  check {evaluation.asset_key.to_user_string()} {evaluation.check_name} {verdict}{detail}"
        return f"{stamp}  {kind.replace('_', ' ').lower()}: {meta.get('orig_message', record.getMessage())}"


class ProgressFilter(logging.Filter):
    def __init__(self, verbose: bool):
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None:
            return record.levelno >= logging.INFO
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            return self.verbose or not event.event_specific_data.passed
        return event.event_type_value in _SHOWN_EVENTS


@dg.logger(
    config_schema={
        "log_level": dg.Field(str, default_value="INFO", is_required=False),
        "verbose": dg.Field(bool, default_value=False, is_required=False, description="Also show passed checks"),
    },
    description="Concise progress lines on stdout.",
)
def tumen_console(init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.getLogger(f"tumen.console.{id(init_context)}")
    logger.setLevel(init_context.logger_config["log_level"])
    logger.propagate = False
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(ProgressFormatter())
    handler.addFilter(ProgressFilter(init_context.logger_config["verbose"]))
    logger.addHandler(handler)
    return logger


defs = dg.Definitions(loggers={"console": tumen_console})

"""Wiring for inputs: read, normalise, segment, score; serially or in worker processes."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import KW_ONLY, dataclass, replace
from typing import Any

from . import segment
from .inputs import DEFAULT_MAX_BYTES, InputError, read_document
from .inputs.files import Candidate
from .normalize import normalize
from .rubric import Rubric
from .score import EssayResult, Hit, StuffingLimits, error_result, score_text

MIN_FILES_PER_WORKER = 4  # below this, starting processes costs more than it saves
CHUNK_SIZE = 8
BATCH_FILES = 16  # from this many files on, the slip automata repay their building (~0.1 s)


@dataclass(frozen=True)
class CheckOptions:
    rubric: Rubric
    _: KW_ONLY  # the rest by name: they are many and of similar types
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    strip_boilerplate: bool = True
    segmenter: str = "auto"
    fingerprints: bool = False  # also make the near-duplicate pass's fingerprint of each text
    rule_settings: dict[str, dict[str, Any]] | None = None  # None: each rule's defaults

    def settings(self) -> dict[str, dict[str, Any]]:
        from .rules import resolve_settings

        return self.rule_settings if self.rule_settings is not None else resolve_settings(self.rubric)


def prepare(rubric: Rubric, segmenter: str = "auto") -> None:
    """Choose the segmenter and teach it the rubric's terms (once per process)."""
    segment.use_engine(segmenter)
    segment.add_words(rubric.all_words())


def analyse(text: str, options: CheckOptions, path: str = "-", markdown: bool = False) -> EssayResult:
    """Score a text and run the writing rules on it (the text as read, before normalising)."""
    return analyse_normal(normalize(text), options, path, markdown)


def analyse_normal(normal: str, options: CheckOptions, path: str = "-",
                   markdown: bool = False) -> EssayResult:
    """As analyse, for a text already normalised."""
    from .advice import detect_setting
    from .rules import Essay, run_rules
    from .rules.boilerplate import boilerplate_lines
    from .rules.stock_phrases import hollow_paragraphs
    from .rules.stuffing import limits

    settings = options.settings()
    raw_lines = normal.split("\n")
    stripped = boilerplate_lines(raw_lines, settings["boilerplate"]["max_line_chars"]) \
        if options.strip_boilerplate else set()
    lines = ["" if number in stripped else line for number, line in enumerate(raw_lines, start=1)]
    stuffing = limits(settings["stuffing"])
    stock = settings["stock-phrases"]
    found = hollow_paragraphs(lines, markdown, stock["min_phrases"]) if stock["enabled"] else ()
    hollow = tuple((first, last) for first, last, _ in found)
    result = score_text("\n".join(lines), options.rubric, segment.words, path, markdown,
                        stuffing or StuffingLimits(listed_credit=float("inf")), hollow)
    essay = Essay(lines, raw_lines, options.rubric, result, markdown, segment.words, frozenset(stripped))
    findings, suppressed = run_rules(essay, settings)
    return replace(result, findings=tuple(findings), suppressed=suppressed,
                   boilerplate_stripped=bool(stripped), stripped_lines=tuple(sorted(stripped)),
                   setting=detect_setting(normal).name)


def check_path(path: str, options: CheckOptions | Rubric) -> EssayResult:
    """Read, score and check one input; a bare rubric means default options."""
    if isinstance(options, Rubric):
        options = CheckOptions(options)
    try:
        document = read_document(path, options.encoding, options.max_bytes)
    except InputError as exc:
        return error_result(path, str(exc))
    normal = normalize(document.text)
    result = analyse_normal(normal, options, path, document.kind == "markdown")
    if options.fingerprints:
        from .review.similarity import fingerprint_normal

        result = replace(result, fingerprint=fingerprint_normal(normal))
    return replace(result, encoding=document.encoding, line_unit=document.line_unit)


def _check_candidate(candidate: Candidate, options: CheckOptions) -> EssayResult:
    """The result of one input, its path made printable (a name with a newline, an escape
    sequence or bytes that are not UTF-8 is shown escaped in every report)."""
    from .printable import printable

    if candidate.error:
        return error_result(printable(candidate.path), candidate.error)
    result = check_path(candidate.path, options)
    shown = printable(candidate.path)
    return result if shown == result.path else replace(result, path=shown)


_worker_options: CheckOptions | None = None


def _init_worker(options: CheckOptions, batch: bool) -> None:
    global _worker_options
    _worker_options = options
    for signum in _ENDING_SIGNALS:  # the parent's handlers are not for the workers
        signal.signal(signum, signal.SIG_DFL)
    prepare(options.rubric, options.segmenter)
    if batch:
        prepare_batch(options)


def _worker_check(candidate: Candidate) -> EssayResult:
    assert _worker_options is not None
    return _check_candidate(candidate, _worker_options)


def worker_count(jobs: int, files: int) -> int:
    """jobs 0 means one per CPU; never more workers than useful for the number of files."""
    wanted = jobs or os.cpu_count() or 1
    return max(1, min(wanted, files // MIN_FILES_PER_WORKER))


def prepare_batch(options: CheckOptions) -> None:
    """Build what every essay of a batch uses (the term automata, the slip automata) once per
    process that checks essays."""
    from .matching import matcher_for
    from .rules import mistyped

    matcher_for(options.rubric)
    slips = options.settings()[mistyped.ID]
    if slips["enabled"]:
        mistyped.use_finders(options.rubric, slips["min_length"])


def check_all(candidates: list[Candidate], options: CheckOptions, jobs: int = 0,
              started: Callable[[], None] | None = None) -> Iterator[EssayResult]:
    """Results in input order. `started` is called once the worker processes exist, so that a
    caller can start threads (a progress bar) only after forking."""
    batch = len(candidates) > BATCH_FILES
    workers = worker_count(jobs, len(candidates))
    if workers == 1 or "-" in (c.path for c in candidates):
        prepare(options.rubric, options.segmenter)
        if batch:
            prepare_batch(options)
        if started:
            started()
        for candidate in candidates:
            yield _check_candidate(candidate, options)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # The workers load the segmenter's dictionary and build the automata themselves, at the
    # same time (their building took as long in the parent, before forking): the parent only
    # collects results and stays small (issue 13: ~65 MB less at its peak). Objects made so far
    # (the rubric, its indexes) are never collected: keeping the garbage collector off them
    # spares the forked workers from copying the pages they live on.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                 initargs=(options, batch)) as pool, _ending_pool(pool):
            results = pool.map(_worker_check, candidates, chunksize=CHUNK_SIZE)
            if started:
                started()
            yield from map(_Sharing(options.rubric), results)
    finally:
        gc.unfreeze()


class _Sharing:
    """Results from the workers arrive unpickled, each with its own copies of the rubric's
    words (criterion names, found and missing terms, the terms of hits): about two thirds of a
    result's memory. The parent points them at one copy each. The results are fresh objects
    that nothing else holds yet, so their fields are set in place rather than copied."""

    def __init__(self, rubric: Rubric) -> None:
        words = {"covered", "partial", "missing"}
        for pillar in rubric.pillars:
            words.update((pillar.id, pillar.name, pillar.description))
            for criterion in pillar.criteria:
                words.update((criterion.id, criterion.name, criterion.description))
                words.update(form for term in criterion.terms for form in (term.term, *term.forms))
        self.words = {word: word for word in words}
        self.tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    def _tuple(self, value: tuple[str, ...]) -> tuple[str, ...]:
        shared = self.tuples.get(value)
        if shared is None:
            shared = self.tuples[value] = tuple(self.words.get(word, word) for word in value)
        return shared

    def _hits(self, hits: tuple[Hit, ...]) -> None:
        for hit in hits:
            object.__setattr__(hit, "term", self.words.get(hit.term, hit.term))
            object.__setattr__(hit, "form", self.words.get(hit.form, hit.form))

    def __call__(self, result: EssayResult) -> EssayResult:
        words, set_field = self.words, object.__setattr__
        for pillar in result.pillars:
            for name in ("id", "name"):
                set_field(pillar, name, words.get(getattr(pillar, name), getattr(pillar, name)))
            for criterion in pillar.criteria:
                for name in ("id", "name", "description", "status"):
                    value = getattr(criterion, name)
                    set_field(criterion, name, words.get(value, value))
                set_field(criterion, "terms_found", self._tuple(criterion.terms_found))
                set_field(criterion, "missing_terms", self._tuple(criterion.missing_terms))
                self._hits(criterion.hits)
            self._hits(pillar.related)
        return result


_ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def _ending_pool(pool: ProcessPoolExecutor) -> Iterator[None]:
    """While the pool runs, SIGTERM or SIGHUP to this process ends its workers too (Ctrl-C
    reaches the whole process group already): the workers are terminated, then the signal is
    delivered again with its default action, so the process ends as it would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(signum: int, frame: Any) -> None:
        workers = list((getattr(pool, "_processes", None) or {}).values())
        for process in workers:
            with contextlib.suppress(Exception):
                process.terminate()
        for process in workers:
            with contextlib.suppress(Exception):
                process.join(timeout=2)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    previous = {signum: signal.signal(signum, end) for signum in _ENDING_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

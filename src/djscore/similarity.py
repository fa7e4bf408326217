"""Near-duplicate essays: character-shingle similarity, as pure functions (no I/O).

Texts are normalised (djscore.normalize) and reduced to their CJK characters, letters and
digits, so punctuation, spaces, line breaks and formatting do not matter. Each text is the set
of its k-character shingles (k = 5 by default); the similarity of two essays is the Jaccard
index of their shingle sets, |A ∩ B| / |A ∪ B|. Jaccard rather than containment
(|A ∩ B| / min(|A|, |B|)): it is symmetric, it is what MinHash estimates, and a long essay that
quotes a few paragraphs of another is not reported as a copy of it.

Comparing every pair exactly is quadratic (2,000 essays: 2 million pairs), so candidates come
from MinHash + LSH, and only candidates get an exact Jaccard: the numbers reported are exact.

* Sampling: only the shingles that begin with a character whose code point is a multiple
  of 4 (about 30% of them) go into the signature. The choice depends on the shingle alone, so
  the sampled sets of two texts have about the same Jaccard index as the full sets; hashing
  a third of the shingles makes the signature about twice as fast.
* MinHash, "one permutation hashing": each distinct sampled shingle is hashed once (CRC-32 of
  its UTF-8 bytes, mixed by a 64-bit multiplication: deterministic across processes and runs,
  unlike hash()); the top 7 bits choose one of 128 bins and each bin keeps its smallest hash.
  Empty bins (texts under ~600 characters) borrow the value of a non-empty bin chosen by a
  fixed probe order per bin ("optimal densification", Shrivastava 2017), so the 128 values
  behave like 128 independent MinHash permutations at the cost of one hash per shingle.
* LSH banding: the 128 values are cut into b bands of r rows; two essays are candidates when
  all r values of some band agree, which happens with probability 1 - (1 - J^r)^b. r is the
  largest number of rows for which a pair at the threshold is found with probability at
  least 0.999 (see lsh_plan): at the default threshold 0.6 that is r = 3, b = 42 (126 values
  used): P(found) = 0.99996 at J = 0.6, 0.996 at 0.5, 0.29 at 0.2, 0.04 at 0.1.
* A candidate whose MinHash estimate (matching values / 128, standard deviation <= 0.045) is
  more than ESTIMATE_MARGIN below the threshold is dropped (a pair at the threshold is dropped
  with probability < 1e-5); the others are compared exactly.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import eq

from .normalize import normalize

DEFAULT_K = 5
DEFAULT_THRESHOLD = 0.6
BINS = 128
MIN_FOUND = 0.999  # probability that LSH proposes a pair whose similarity is at the threshold
ESTIMATE_MARGIN = 0.2
PASSAGE_CHARS = 120  # the readable excerpt of the longest shared passage is cut to this length
MAX_SEEDS = 16  # positions of one shingle followed when looking for the longest shared passage

_KEEP = re.compile(r"[^\W_]+")  # letters (CJK included) and digits
_DROP = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")
_SAMPLED = "".join(chr(code) for low, high in ((0x30, 0x80), (0x3400, 0xA000)) for code in range(low, high)
                   if code % 4 == 0 and chr(code).isalnum())
_SAMPLE = re.compile("[" + re.escape(_SAMPLED) + "]")
_MASK = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15  # odd: multiplying by it permutes the 64-bit integers
_BIN_SHIFT = 64 - 7  # the top 7 bits choose one of the 128 bins
_EMPTY = 1 << 64
# For each bin, the order in which an empty bin looks for a non-empty one to borrow from.
_PROBES = tuple(tuple(sorted(range(BINS), key=lambda j, i=i: zlib.crc32(f"{i}/{j}".encode())))
                for i in range(BINS))


@dataclass(frozen=True)
class SimilarPair:
    """Two essays whose shingle sets overlap at least the threshold (exact Jaccard)."""

    path_a: str
    path_b: str
    similarity: float  # rounded to 3 decimals
    shared_passage: str  # the longest passage both contain, as it reads in path_a


@dataclass(frozen=True)
class Fingerprint:
    """What the pairs pass needs of one text: computed where the text is read (in the batch
    workers), so the parent neither reads the files again nor hashes them all itself."""

    cleaned: str
    signature: tuple[int, ...] | None


def fingerprint(text: str, k: int = DEFAULT_K) -> Fingerprint:
    return fingerprint_normal(normalize(text), k)


def fingerprint_normal(normal: str, k: int = DEFAULT_K) -> Fingerprint:
    """The fingerprint of a text already normalised (djscore.normalize)."""
    cleaned = _DROP.sub("", normal).lower()
    return Fingerprint(cleaned, signature(cleaned, k))


# --- text -------------------------------------------------------------------------------

def clean(text: str) -> str:
    """The normalised text reduced to letters and digits (lower case), CJK included."""
    return _DROP.sub("", normalize(text)).lower()


def clean_with_offsets(text: str) -> tuple[str, str, list[int]]:
    """(normalised text, cleaned text, offset in the normalised text of each cleaned character)."""
    normal = normalize(text)
    offsets: list[int] = []
    for match in _KEEP.finditer(normal):
        offsets.extend(range(match.start(), match.end()))
    return normal, "".join(normal[i] for i in offsets).lower(), offsets


def shingles(cleaned: str, k: int = DEFAULT_K) -> set[str]:
    """The distinct k-character substrings; a text shorter than k is one shingle (or none)."""
    if len(cleaned) <= k:
        return {cleaned} if cleaned else set()
    return {cleaned[i:i + k] for i in range(len(cleaned) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


# --- MinHash and LSH --------------------------------------------------------------------

def signature(cleaned: str, k: int = DEFAULT_K) -> tuple[int, ...] | None:
    """128 MinHash values of the text's sampled k-shingles (one permutation hashing with
    densification); None for an empty text."""
    if not cleaned:
        return None
    crc = zlib.crc32
    last = max(0, len(cleaned) - k)
    starts = [m.start() for m in _SAMPLE.finditer(cleaned, 0, last + 1)] or [0]
    hashes = sorted({(crc(cleaned[i:i + k].encode()) * _MIX) & _MASK for i in starts}, reverse=True)
    # Largest first, so the value a bin keeps (the last one written) is its minimum.
    smallest = dict(zip([h >> _BIN_SHIFT for h in hashes], hashes, strict=True))
    mins = [smallest.get(b, _EMPTY) for b in range(BINS)]
    if _EMPTY in mins:
        filled = list(mins)
        for i, value in enumerate(mins):
            if value == _EMPTY:
                filled[i] = mins[next(j for j in _PROBES[i] if mins[j] != _EMPTY)]
        mins = filled
    return tuple(mins)


def found_probability(similarity: float, bands: int, rows: int) -> float:
    """Probability that LSH with `bands` bands of `rows` values proposes a pair at `similarity`."""
    return 1 - (1 - similarity ** rows) ** bands


def lsh_plan(threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest chance candidates) for which a pair at
    the threshold is still proposed with probability >= MIN_FOUND."""
    for rows in range(BINS, 0, -1):
        bands = BINS // rows
        if found_probability(threshold, bands, rows) >= MIN_FOUND:
            return bands, rows
    return BINS, 1


def _candidates(signatures: Sequence[tuple[int, ...] | None], groups: Sequence[int] | None,
                threshold: float) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that share a band and whose estimate is near the threshold; with
    groups, only pairs between group 0 and group 1."""
    bands, rows = lsh_plan(threshold)
    seen: set[tuple[int, int]] = set()
    minimum = (threshold - ESTIMATE_MARGIN) * BINS
    for band in range(bands):
        lo, hi = band * rows, (band + 1) * rows
        buckets: dict[tuple[int, ...], list[int]] = {}
        for index, sig in enumerate(signatures):
            if sig is not None:
                buckets.setdefault(sig[lo:hi], []).append(index)
        for members in buckets.values():
            if len(members) < 2:
                continue
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    if (i, j) in seen or (groups is not None and groups[i] == groups[j]):
                        continue
                    seen.add((i, j))
                    if sum(map(eq, signatures[i], signatures[j])) >= minimum:  # type: ignore[arg-type]
                        yield i, j


# --- the longest shared passage ---------------------------------------------------------

def longest_common(a: str, b: str, k: int = DEFAULT_K) -> tuple[int, int, int]:
    """(start in a, start in b, length) of the longest common substring of at least k
    characters, (0, 0, 0) if none. Runs of consecutive shared shingles are followed along each
    diagonal: linear in the text lengths unless one shingle recurs more than MAX_SEEDS times."""
    if len(a) < k or len(b) < k:
        return 0, 0, 0
    positions: dict[str, list[int]] = {}
    for j in range(len(a) - k + 1):
        seeds = positions.setdefault(a[j:j + k], [])
        if len(seeds) < MAX_SEEDS:
            seeds.append(j)
    best = (0, 0, 0)  # run length in shingles, end in a, end in b
    previous: dict[int, int] = {}
    for i in range(len(b) - k + 1):
        current = {}
        for j in positions.get(b[i:i + k], ()):
            run = previous.get(j - 1, 0) + 1
            current[j] = run
            if run > best[0]:
                best = (run, j, i)
        previous = current
    run, end_a, end_b = best
    if not run:
        return 0, 0, 0
    return end_a - run + 1, end_b - run + 1, run + k - 1


def readable(normal: str, offsets: list[int], start: int, length: int,
             limit: int = PASSAGE_CHARS) -> str:
    """The passage cleaned[start:start+length] as it reads in the normalised text, on one line,
    cut to `limit` characters (ending in …)."""
    if not length:
        return ""
    excerpt = _SPACE.sub(" ", normal[offsets[start]:offsets[start + length - 1] + 1]).strip()
    return excerpt if len(excerpt) <= limit else excerpt[:limit - 1] + "…"


# --- the pairs --------------------------------------------------------------------------

def _find(items: Sequence[tuple[str, Fingerprint]], groups: Sequence[int] | None, threshold: float,
          k: int, text_of: Callable[[int], str]) -> list[SimilarPair]:
    """Pairs among `items` (path, fingerprint); `text_of(i)` gives the text of item i, needed
    only for the readable passage of the pairs found."""
    sets: dict[int, set[str]] = {}

    def shingle_set(index: int) -> set[str]:
        if index not in sets:
            sets[index] = shingles(items[index][1].cleaned, k)
        return sets[index]

    found = []
    for i, j in _candidates([p.signature for _, p in items], groups, threshold):
        similarity = jaccard(shingle_set(i), shingle_set(j))
        if similarity < threshold:
            continue
        normal, clean_a, offsets = clean_with_offsets(text_of(i))
        start, _, length = longest_common(clean_a, items[j][1].cleaned, k)
        found.append((-similarity, i, j, SimilarPair(items[i][0], items[j][0], round(similarity, 3),
                                                     readable(normal, offsets, start, length))))
        if len(sets) > 256:  # the sets of essays in no more candidate pairs are rebuilt if needed
            sets.clear()
    found.sort(key=lambda item: item[:3])  # most similar first, ties in input order
    return [pair for *_, pair in found]


def _from_texts(texts: Sequence[tuple[str, str]], k: int) -> list[tuple[str, Fingerprint]]:
    return [(path, fingerprint(text, k)) for path, text in texts]


def find_similar(texts: Sequence[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD,
                 k: int = DEFAULT_K) -> list[SimilarPair]:
    """Pairs of (path, text) whose similarity is at least the threshold, most similar first;
    path_a is the one that comes first in `texts`."""
    return _find(_from_texts(texts, k), None, threshold, k, lambda i: texts[i][1])


def find_similar_prints(items: Sequence[tuple[str, Fingerprint]], text_of: Callable[[int], str],
                        threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K) -> list[SimilarPair]:
    """As find_similar, from fingerprints made where the texts were read."""
    return _find(items, None, threshold, k, text_of)


def find_against(submissions: Sequence[tuple[str, str]], known: Sequence[tuple[str, str]],
                 threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K) -> list[SimilarPair]:
    """Pairs of a submission (path_a) and a known text (path_b) at least the threshold apart;
    submissions are not compared with each other, nor known texts with each other."""
    texts = [*submissions, *known]
    groups = [0] * len(submissions) + [1] * len(known)
    return _find(_from_texts(texts, k), groups, threshold, k, lambda i: texts[i][1])

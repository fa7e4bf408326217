"""Near-duplicate essays: character-shingle similarity, as pure functions (no I/O).

Texts are normalised (djscore.normalize) and reduced to their CJK characters, letters and
digits, so punctuation, spaces, line breaks and formatting do not matter. Each text is the set
of its k-character shingles (k = 5 by default); the similarity of two essays is the Jaccard
index of their shingle sets, |A ∩ B| / |A ∪ B|. Jaccard rather than containment
(|A ∩ B| / min(|A|, |B|)): it is symmetric, it is what MinHash estimates, and a long essay that
quotes a few paragraphs of another is not reported as a copy of it.

Near-copies are reported as clusters: the connected components of the graph that links two
texts whose similarity is at least the threshold (a pair is a cluster of two). Comparing
every pair exactly is quadratic (2,000 essays: 2 million pairs), so candidate links come
from MinHash + LSH, and only candidates get an exact Jaccard: the numbers reported are exact.
Building the clusters is near-linear for batches of copies (see `components`): exact copies
are grouped by their cleaned text first, and a candidate link is checked only if it would
join two clusters not joined yet, so a class that handed in one model essay costs one group,
not 2 million comparisons.

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
* Each cluster names a centre, gives every member's exact similarity to it, and shows the
  longest passage the centre shares with its closest member: computed once per cluster.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..normalize import normalize

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
_MASK = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15  # odd: multiplying by it permutes the 64-bit integers
_BIN_SHIFT = 64 - 7  # the top 7 bits choose one of the 128 bins
_EMPTY = 1 << 64
# For each bin, the order in which an empty bin looks for a non-empty one to borrow from.
_PROBES = tuple(tuple(sorted(range(BINS), key=lambda j, i=i: zlib.crc32(f"{i}/{j}".encode())))
                for i in range(BINS))


@dataclass(frozen=True)
class Fingerprint:
    """What the near-duplicate pass needs of one text: computed where the text is read (in the
    batch workers), so the parent neither reads the files again nor hashes them all itself."""

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
    return {cleaned[i:i + k] for i in range(len(cleaned) - k + 1)}  # faster than any C-level way tried


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    # What the smaller set lacks: for the near-copies compared here, a few hundred shingles
    # to collect rather than the thousands they share (twice as fast as len(a & b)).
    common = len(small) - len(small - large)
    return common / (len(a) + len(b) - common)


# --- MinHash and LSH --------------------------------------------------------------------

def signature(cleaned: str, k: int = DEFAULT_K) -> tuple[int, ...] | None:
    """128 MinHash values of the text's sampled k-shingles (one permutation hashing with
    densification); None for an empty text. Every step over the shingles runs in C (a regex
    collects them, `map` hashes them): no Python code runs per shingle."""
    if not cleaned:
        return None
    sampled = set(_sampled_shingles(k).findall(cleaned)) if len(cleaned) > k else None
    # CRC-32 of the UTF-8 bytes, times _MIX, kept to 64 bits.
    crcs = map(zlib.crc32, map(str.encode, sampled or [cleaned[:k]]))
    hashes = sorted(set(map(_MASK.__and__, map(_MIX.__mul__, crcs))), reverse=True)
    # Largest first, so the value a bin keeps (the last one written) is its minimum.
    smallest = dict(zip(map(_BIN_SHIFT.__rrshift__, hashes), hashes, strict=True))
    mins = [smallest.get(b, _EMPTY) for b in range(BINS)]
    if _EMPTY in mins:
        filled = list(mins)
        for i, value in enumerate(mins):
            if value == _EMPTY:
                filled[i] = mins[next(j for j in _PROBES[i] if mins[j] != _EMPTY)]
        mins = filled
    return tuple(mins)


@cache
def _sampled_shingles(k: int) -> re.Pattern[str]:
    """Every k-shingle that begins with a sampled character, overlapping ones included."""
    return re.compile("(?=([" + re.escape(_SAMPLED) + "]" + "." * (k - 1) + "))", re.DOTALL)


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


# --- the clusters ---------------------------------------------------------------------

class _Sets:
    """Shingle sets made on demand, the most recently used kept (2,000 sets of 2,500 shingles
    would take ~500 MB). Comparisons come in runs around one text: on 2,000 templated essays
    keeping 32 sets builds only 4% more of them than keeping 256, for ~80 MB less."""

    def __init__(self, cleaned: Sequence[str], k: int, keep: int = 32) -> None:
        self.cleaned, self.k, self.keep = cleaned, k, keep
        self.sets: dict[int, set[str]] = {}

    def __call__(self, index: int) -> set[str]:
        found = self.sets.pop(index, None)
        if found is None:
            if len(self.sets) >= self.keep:
                del self.sets[next(iter(self.sets))]  # the least recently used
            found = shingles(self.cleaned[index], self.k)
        self.sets[index] = found
        return found


def components(prints: Sequence[Fingerprint], threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K,
               known: Sequence[bool] | None = None, within: bool = True,
               stats: dict[str, int] | None = None,
               similarities: dict[tuple[str, str], float] | None = None,
               centrality: list[int] | None = None) -> tuple[list[list[int]], list[int]]:
    """The connected components (lists of indices, each in input order; singletons left out) of
    the graph whose edges join two texts of exact similarity >= threshold, as LSH proposes
    them (see the module notes); and the number of edges found at each text.

    With `known`, an edge never joins two known texts, and joins two submissions only if
    `within`. Near-linear for batches of copies:
    * exact duplicates (the same cleaned text) are grouped first, by a dictionary, and stand
      for one another from then on;
    * union-find over the LSH buckets: inside a bucket the texts are grouped by the cluster
      they are in so far, and a pair is compared (estimate, then exact Jaccard) only between
      two different clusters, until one edge joins them. A pair is compared at most once.
    * each cluster has a hub: the member that met the most texts in its LSH buckets (a known
      text first, then the first in input order). Two clusters met in a bucket are compared
      hub to hub first, then each text with the other's hub, then text to text. On a batch
      written from a few model essays almost every member joins its cluster through the
      hub: one exact comparison each, which is also its similarity to the centre that
      find_clusters_prints shows (the hub, as a rule). The hub need not share a bucket with
      the text: a link found that way is a true one (exact similarity >= threshold), one
      that LSH could have missed (see MIN_FOUND).
    `stats` (if given) counts the exact comparisons made ("exact"); `similarities` (if given)
    receives the exact similarity of every pair of texts compared, by their cleaned texts;
    `centrality` (if given) is filled with each text's count of the texts of its own cluster
    met in its buckets over all bands: find_clusters_prints's choice of a centre."""
    n = len(prints)
    side = [bool(x) for x in known] if known is not None else [False] * n
    parent = list(range(n))
    links = [0] * n

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    mixed = any(side) or not within  # else every pair is allowed

    def allowed(i: int, j: int) -> bool:
        return side[i] != side[j] or (not side[i] and within)

    # Exact duplicates: one representative each. Two known texts are grouped too: they have
    # the same edges to everything else, and a group with no submission is dropped below.
    first: dict[tuple[bool, str], int] = {}
    rep_of = list(range(n))
    reps = []
    for index, print_ in enumerate(prints):
        if print_.signature is None:
            continue  # nothing to compare
        if side[index] or within:
            rep = first.setdefault((side[index], print_.cleaned), index)
            if rep != index:
                rep_of[index] = parent[index] = rep
                continue
        reps.append(index)
    compared = [i for i in range(n) if prints[i].signature is not None]
    copies = Counter(rep_of[i] for i in compared)

    sets = _Sets([p.cleaned for p in prints], k)
    tested: set[tuple[int, int]] = set()
    minimum = (threshold - ESTIMATE_MARGIN) * BINS
    exact = 0
    # The low byte of each MinHash value, packed into one integer: the estimate is then a count
    # of zero bytes (8x faster than comparing the tuples). Unequal values agree in their low
    # byte by chance (1 in 256), so this never counts fewer agreements than the full values:
    # every pair the full estimate would keep is kept.
    packed = {i: int.from_bytes(bytes(v & 0xFF for v in prints[i].signature)) for i in reps}  # type: ignore[union-attr]

    found_similarity: dict[tuple[str, str], float] = {} if similarities is None else similarities
    hub = list(range(n))  # root -> its cluster's hub

    def edge(i: int, j: int) -> bool:
        nonlocal exact
        # The estimate first: it is cheaper than remembering the pair, and as final.
        if i == j or (packed[i] ^ packed[j]).to_bytes(BINS, "big").count(0) < minimum:
            return False
        pair = (i, j) if i < j else (j, i)
        if pair in tested or (mixed and not allowed(i, j)):
            return False
        tested.add(pair)
        exact += 1
        value = jaccard(sets(i), sets(j))
        found_similarity[prints[i].cleaned, prints[j].cleaned] = value
        found_similarity[prints[j].cleaned, prints[i].cleaned] = value
        return value >= threshold

    def join(group: list[int], other: list[int], rank: Callable[[int], tuple[bool, int, int]]) -> bool:
        group_hub, other_hub = hub[find(group[0])], hub[find(other[0])]
        for i, j in itertools.chain(((group_hub, other_hub),), ((i, other_hub) for i in group),
                                    ((group_hub, j) for j in other), ((i, j) for i in group for j in other)):
            if edge(i, j):
                links[i] += 1
                links[j] += 1
                root_i, root_j = find(i), find(j)
                parent[root_j] = root_i
                hub[root_i] = max(hub[root_i], hub[root_j], key=rank)
                return True
        return False

    bands, rows = lsh_plan(threshold)
    shared: list[list[list[int]]] = []  # for each band, its buckets of two texts or more
    typical = [0] * n  # other texts met in the buckets of each text, over all bands
    for band in range(bands):
        lo, hi = band * rows, (band + 1) * rows
        buckets: dict[tuple[int, ...], list[int]] = {}
        for index in reps:
            buckets.setdefault(prints[index].signature[lo:hi], []).append(index)  # type: ignore[index]
        shared.append([members for members in buckets.values() if len(members) > 1])
        for members in shared[-1]:
            weight = sum(copies[i] for i in members)
            for index in members:
                typical[index] += weight - copies[index]

    def rank(i: int) -> tuple[bool, int, int]:
        return side[i], typical[i], -i

    # Buckets by their likeliest hub, most typical first: a cluster's hub is its most typical
    # member from the first comparison on, so few members are compared with another one.
    ordered = [sorted(members, key=rank, reverse=True) for kept in shared for members in kept]
    ordered.sort(key=lambda members: rank(members[0]), reverse=True)
    for members in ordered:
        by_root: dict[int, list[int]] = {}
        for index in members:
            by_root.setdefault(find(index), []).append(index)
        if len(by_root) < 2:
            continue  # all in one cluster already: nothing to compare
        merged: list[list[int]] = []  # the groups seen in this bucket, as joined so far
        for group in by_root.values():
            combined, apart = group, []
            for other in merged:
                if join(group, other, rank):
                    combined = combined + other
                else:
                    apart.append(other)
            merged = [*apart, combined]
    if stats is not None:
        stats["exact"] = stats.get("exact", 0) + exact

    found: dict[int, list[int]] = {}
    for index in compared:
        found.setdefault(find(index), []).append(index)
    # A text's links: the edges found at its representative, and its exact copies.
    counts = [links[rep_of[i]] + copies[rep_of[i]] - 1 for i in range(n)]
    if centrality is not None:
        # As `typical`, counting only the texts of its own cluster: a pair scores alike.
        central = [0] * n
        for kept in shared:
            for members in kept:
                weight_of: Counter[int] = Counter()
                for index in members:
                    weight_of[find(index)] += copies[index]
                for index in members:
                    central[index] += weight_of[find(index)] - copies[index]
        centrality[:] = [central[rep_of[i]] + bands * (copies[rep_of[i]] - 1) for i in range(n)]
    groups = [members for members in found.values()
              if len(members) > 1 and not all(side[i] for i in members)]
    return sorted(groups), counts


@dataclass(frozen=True)
class ClusterMember:
    path: str
    similarity: float  # exact similarity to the cluster's centre, 3 decimals (the centre: 1.0)
    known: bool = False  # a known text (--against) rather than a submission


@dataclass(frozen=True)
class SimilarCluster:
    """Texts joined by similarity >= the threshold, directly or through one another."""

    members: tuple[ClusterMember, ...]  # the centre first, then by similarity to it, most first
    shared_passage: str  # the longest passage the centre shares with its most similar member
    # (the most similar submission, when the centre is a known text)

    @property
    def centre(self) -> ClusterMember:
        return self.members[0]


def find_clusters_prints(items: Sequence[tuple[str, Fingerprint]], text_of: Callable[[int], str],
                         threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K,
                         known: Sequence[bool] | None = None, within: bool = True,
                         stats: dict[str, int] | None = None) -> list[SimilarCluster]:
    """The clusters of near-copies among `items` (path, fingerprint), largest first. The centre
    is a known text if the cluster has one, else the member that shares MinHash bands with
    the most texts of its cluster (the most typical one; the first of them: of a pair, the
    first in input order). `text_of(i)` gives the text of item i: read once per cluster, for the passage."""
    prints = [p for _, p in items]
    compared: dict[tuple[str, str], float] = {}
    central: list[int] = []
    groups, _ = components(prints, threshold, k, known, within, stats, compared, central)
    side = [bool(x) for x in known] if known is not None else [False] * len(items)
    clusters = []
    for group in groups:
        centre = max(group, key=lambda i: (side[i], central[i], -i))
        centre_text = prints[centre].cleaned
        centre_set: set[str] | None = None
        similarity: dict[str, float] = {centre_text: 1.0}
        for index in group:  # once per distinct text; most were compared with the centre already
            cleaned = prints[index].cleaned
            if cleaned not in similarity:
                value = compared.get((cleaned, centre_text))
                if value is None:
                    centre_set = centre_set or shingles(centre_text, k)
                    value = jaccard(centre_set, shingles(cleaned, k))
                similarity[cleaned] = value
        order = sorted(group, key=lambda i: (i != centre, -similarity[prints[i].cleaned], i))
        partner = next((i for i in order[1:] if not side[i]), order[1])  # a submission, if any
        normal, cleaned, offsets = clean_with_offsets(text_of(centre))
        start, _, length = longest_common(cleaned, prints[partner].cleaned, k)
        members = tuple(ClusterMember(items[i][0], round(similarity[prints[i].cleaned], 3), side[i])
                        for i in order)
        clusters.append((-len(group), -members[1].similarity, group[0],
                         SimilarCluster(members, readable(normal, offsets, start, length))))
    clusters.sort(key=lambda item: item[:3])  # largest first, then closest, then input order
    return [cluster for *_, cluster in clusters]


def find_clusters(texts: Sequence[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD,
                  k: int = DEFAULT_K, known: Sequence[tuple[str, str]] = (), within: bool = True,
                  stats: dict[str, int] | None = None) -> list[SimilarCluster]:
    """Clusters among (path, text) submissions and, compared with them, known texts (which are
    not compared with one another); submissions are compared with each other if `within`."""
    everything = [*texts, *known]
    items = [(path, fingerprint(text, k)) for path, text in everything]
    flags = [False] * len(texts) + [True] * len(known)
    return find_clusters_prints(items, lambda i: everything[i][1], threshold, k, flags, within, stats)

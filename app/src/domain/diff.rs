//! Word-level comparison of two texts, for the revisions of a plan section and the fields of
//! two plan versions.
//!
//! Lines are aligned first (a line diff). Inside each run of changed lines the words are
//! compared again, so that a Markdown paragraph, which is one long line, shows the words that
//! changed rather than the whole paragraph. The result carries both layouts a page may show:
//! unified (one list of lines) and side by side (rows pairing an old line with a new one).
//!
//! Texts are compared as a reader sees them: CRLF and lone CR count as LF, and a final line
//! break is not a line of its own (`"a\n"` and `"a"` are the same one line). The work is
//! bounded by [`TIME_BUDGET`]: past it the line diff settles for a coarser alignment and the
//! remaining changed lines are shown whole, so that a megabyte of text cannot hold a request
//! for seconds. The diffing itself is the `similar` crate's; this module adds tokenising,
//! readability clean-up, line pairing and the two layouts. Rendering is in
//! `components::diff_view`.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag, Instant};
use std::ops::Range;
use std::time::Duration;

/// How long one [`diff_text`] may spend diffing before it settles for coarser results.
pub const TIME_BUDGET: Duration = Duration::from_millis(200);

/// Changed blocks with more tokens than this (words, spaces and marks of both sides together,
/// about three megabytes of text) are shown as whole lines, to bound the memory a comparison
/// takes; the time is bounded by [`TIME_BUDGET`].
const MAX_BLOCK_TOKENS: usize = 1_000_000;

/// What happened to a piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// In both texts.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// A run of text with one [`Change`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// What happened to this text.
    pub change: Change,
    /// The text itself (never a line break).
    pub text: String,
}

/// One line of a unified diff: Equal (context), Delete (old line) or Insert (new line); spans
/// mark the changed words inside a changed line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnifiedLine {
    /// Equal for a line in both texts, Delete for an old line, Insert for a new line.
    pub change: Change,
    /// The line's number in the old text (1-based), if it is an old line.
    pub old_line: Option<usize>,
    /// The line's number in the new text (1-based), if it is a new line.
    pub new_line: Option<usize>,
    /// The line's text: Equal spans and, on a changed line, Delete (old) or Insert (new)
    /// spans for the words that changed. Empty for an empty line.
    pub spans: Vec<Span>,
}

/// One row of a side-by-side diff: the old line (left) and the new line (right), either may be
/// absent; spans mark changed words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideBySideRow {
    /// The left line's number in the old text (1-based); None when the row has no old line.
    pub old_line: Option<usize>,
    /// The right line's number in the new text (1-based); None when the row has no new line.
    pub new_line: Option<usize>,
    /// The old line: Equal and Delete spans.
    pub left: Vec<Span>,
    /// The new line: Equal and Insert spans.
    pub right: Vec<Span>,
    /// Whether the row shows a change (false: the same line on both sides).
    pub changed: bool,
}

/// The comparison of two texts, in both layouts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextDiff {
    /// Every line of both texts in reading order: unchanged, removed and added lines.
    pub unified: Vec<UnifiedLine>,
    /// The same lines as rows of old beside new.
    pub side_by_side: Vec<SideBySideRow>,
    /// Words (runs of letters and digits) shown as inserted: those only in the new text, and
    /// the odd common word inside a replaced phrase.
    pub words_inserted: usize,
    /// Words shown as deleted.
    pub words_deleted: usize,
}

impl TextDiff {
    /// Whether the two texts read the same (line endings and a final line break aside).
    pub fn is_unchanged(&self) -> bool {
        self.unified.iter().all(|line| line.change == Change::Equal)
    }

    /// How many lines were added and removed (a changed line counts once each way).
    pub fn lines_changed(&self) -> (usize, usize) {
        let count = |change| self.unified.iter().filter(|l| l.change == change).count();
        (count(Change::Insert), count(Change::Delete))
    }
}

/// Line-aligned diff with word-level highlights inside changed lines (line numbers 1-based).
pub fn diff_text(old: &str, new: &str) -> TextDiff {
    diff_text_within(old, new, TIME_BUDGET)
}

/// [`diff_text`] with another time budget (tests use a zero budget to see the fallback).
pub fn diff_text_within(old: &str, new: &str, budget: Duration) -> TextDiff {
    let old = normalize_newlines(old);
    let new = normalize_newlines(new);
    let old_lines = lines(&old);
    let new_lines = lines(&new);
    let deadline = Instant::now().checked_add(budget);

    let mut config = similar::TextDiff::configure();
    config.algorithm(Algorithm::Histogram);
    if let Some(deadline) = deadline {
        config.deadline(deadline);
    }
    let line_diff = config.diff_slices(&old_lines, &new_lines);

    let mut out = TextDiff::default();
    // Consecutive deletions and insertions form one changed block, compared word by word.
    let mut block: Option<(Range<usize>, Range<usize>)> = None;
    for op in line_diff.ops() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            if let Some((o, n)) = block.take() {
                changed_block(&mut out, &old_lines, o, &new_lines, n, deadline);
            }
            for (o, n) in old_range.zip(new_range) {
                let spans = equal_spans(old_lines[o]);
                out.unified.push(UnifiedLine {
                    change: Change::Equal,
                    old_line: Some(o + 1),
                    new_line: Some(n + 1),
                    spans: spans.clone(),
                });
                out.side_by_side.push(SideBySideRow {
                    old_line: Some(o + 1),
                    new_line: Some(n + 1),
                    left: spans.clone(),
                    right: spans,
                    changed: false,
                });
            }
        } else {
            block = Some(match block {
                None => (old_range, new_range),
                Some((o, n)) => (
                    o.start.min(old_range.start)..o.end.max(old_range.end),
                    n.start.min(new_range.start)..n.end.max(new_range.end),
                ),
            });
        }
    }
    if let Some((o, n)) = block {
        changed_block(&mut out, &old_lines, o, &new_lines, n, deadline);
    }
    out
}

/// The text with every CRLF and lone CR turned into LF.
pub fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// The lines of an LF-only text, without their line breaks; a final line break ends the last
/// line rather than starting an empty one, and the empty text has no lines.
pub fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n').collect()
}

fn equal_spans(line: &str) -> Vec<Span> {
    whole(Change::Equal, line)
}

fn whole(change: Change, line: &str) -> Vec<Span> {
    if line.is_empty() {
        Vec::new()
    } else {
        vec![Span {
            change,
            text: line.to_owned(),
        }]
    }
}

/// Adds a block of changed lines to both layouts: word-level when there is time and both
/// sides have lines, whole lines otherwise.
fn changed_block(
    out: &mut TextDiff,
    old_lines: &[&str],
    old_range: Range<usize>,
    new_lines: &[&str],
    new_range: Range<usize>,
    deadline: Option<Instant>,
) {
    let old = &old_lines[old_range.clone()];
    let new = &new_lines[new_range.clone()];
    let out_of_time = deadline.is_some_and(|d| Instant::now() > d);
    let refined = if old.is_empty() || new.is_empty() || out_of_time {
        None
    } else {
        refine(&old.join("\n"), &new.join("\n"), deadline)
    };
    let (old_spans, new_spans, pairs) = match refined {
        Some(refined) => {
            out.words_inserted += refined.words_inserted;
            out.words_deleted += refined.words_deleted;
            let pairs = pair_lines(old.len(), new.len(), &refined.shared);
            (refined.old, refined.new, pairs)
        }
        None => {
            out.words_deleted += old.iter().map(|l| count_words(l)).sum::<usize>();
            out.words_inserted += new.iter().map(|l| count_words(l)).sum::<usize>();
            (
                old.iter().map(|l| whole(Change::Delete, l)).collect(),
                new.iter().map(|l| whole(Change::Insert, l)).collect(),
                pair_gap(0..old.len(), 0..new.len()),
            )
        }
    };
    for (o, n) in pairs {
        let old_line = o.map(|o| old_range.start + o + 1);
        let new_line = n.map(|n| new_range.start + n + 1);
        let left = o.map(|o| old_spans[o].clone()).unwrap_or_default();
        let right = n.map(|n| new_spans[n].clone()).unwrap_or_default();
        if o.is_some() {
            out.unified.push(UnifiedLine {
                change: Change::Delete,
                old_line,
                new_line: None,
                spans: left.clone(),
            });
        }
        if n.is_some() {
            out.unified.push(UnifiedLine {
                change: Change::Insert,
                old_line: None,
                new_line,
                spans: right.clone(),
            });
        }
        out.side_by_side.push(SideBySideRow {
            old_line,
            new_line,
            left,
            right,
            changed: true,
        });
    }
}

/// A block compared word by word.
struct Refined {
    /// The old lines' spans (Equal and Delete).
    old: Vec<Vec<Span>>,
    /// The new lines' spans (Equal and Insert).
    new: Vec<Vec<Span>>,
    /// (old line, new line, characters of words they share), in order of both lines.
    shared: Vec<(usize, usize, usize)>,
    words_inserted: usize,
    words_deleted: usize,
}

/// A stretch of the word-level edit script.
enum Segment<'a> {
    /// Tokens in both texts.
    Same(Vec<&'a str>),
    /// Tokens replaced.
    Changed(Edit<'a>),
}

/// Old tokens deleted and new ones inserted in their place, with their lengths in
/// characters (kept so that merging long runs of edits stays linear).
#[derive(Default)]
struct Edit<'a> {
    deleted: Vec<&'a str>,
    inserted: Vec<&'a str>,
    deleted_chars: usize,
    inserted_chars: usize,
}

impl<'a> Edit<'a> {
    fn new(deleted: &[&'a str], inserted: &[&'a str]) -> Self {
        Edit {
            deleted: deleted.to_vec(),
            inserted: inserted.to_vec(),
            deleted_chars: chars(deleted),
            inserted_chars: chars(inserted),
        }
    }

    fn size(&self) -> usize {
        self.deleted_chars.max(self.inserted_chars)
    }

    /// This edit followed by unchanged `between` (now shown as replaced) and then `next`.
    fn join(mut self, between: &[&'a str], mut next: Edit<'a>) -> Self {
        let between_chars = chars(between);
        self.deleted.extend_from_slice(between);
        self.deleted.append(&mut next.deleted);
        self.inserted.extend_from_slice(between);
        self.inserted.append(&mut next.inserted);
        self.deleted_chars += between_chars + next.deleted_chars;
        self.inserted_chars += between_chars + next.inserted_chars;
        self
    }
}

fn refine(old: &str, new: &str, deadline: Option<Instant>) -> Option<Refined> {
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);
    if old_tokens.len() + new_tokens.len() > MAX_BLOCK_TOKENS {
        return None;
    }
    let mut config = similar::TextDiff::configure();
    config.algorithm(Algorithm::Myers);
    if let Some(deadline) = deadline {
        config.deadline(deadline);
    }
    let token_diff = config.diff_slices(&old_tokens, &new_tokens);

    let mut segments: Vec<Segment<'_>> = Vec::new();
    for op in token_diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            push_same(&mut segments, &old_tokens[o]);
        } else {
            push_edit(&mut segments, Edit::new(&old_tokens[o], &new_tokens[n]));
        }
    }

    let mut old_side = LineBuilder::default();
    let mut new_side = LineBuilder::default();
    let mut shared: Vec<(usize, usize, usize)> = Vec::new();
    let (mut words_inserted, mut words_deleted) = (0, 0);
    for segment in segments {
        match segment {
            Segment::Same(tokens) => {
                for token in tokens {
                    if is_word(token) || is_punctuation(token) {
                        let at = (old_side.lines.len(), new_side.lines.len());
                        let weight = token.chars().count();
                        match shared.last_mut() {
                            Some((o, n, w)) if (*o, *n) == at => *w += weight,
                            _ => shared.push((at.0, at.1, weight)),
                        }
                    }
                    old_side.push(Change::Equal, token);
                    new_side.push(Change::Equal, token);
                }
            }
            Segment::Changed(edit) => {
                for token in edit.deleted {
                    words_deleted += usize::from(is_word(token));
                    old_side.push(Change::Delete, token);
                }
                for token in edit.inserted {
                    words_inserted += usize::from(is_word(token));
                    new_side.push(Change::Insert, token);
                }
            }
        }
    }
    Some(Refined {
        old: old_side.finish(),
        new: new_side.finish(),
        shared,
        words_inserted,
        words_deleted,
    })
}

fn push_same<'a>(segments: &mut Vec<Segment<'a>>, tokens: &[&'a str]) {
    match segments.last_mut() {
        Some(Segment::Same(previous)) => previous.extend_from_slice(tokens),
        _ => segments.push(Segment::Same(tokens.to_vec())),
    }
}

/// Appends an edit, merging it into the previous ones where that reads better: adjacent
/// edits become one, and a short run of unchanged text between two edits (spaces, or words
/// no longer than the edits on either side) is folded into them, so that "the quick" → "a
/// slow" shows as one replaced phrase rather than a patchwork. The rule follows
/// diff-match-patch's semantic clean-up. Line breaks are never folded away.
fn push_edit<'a>(segments: &mut Vec<Segment<'a>>, mut edit: Edit<'a>) {
    loop {
        let fold_between = match segments.as_slice() {
            [.., Segment::Changed(before), Segment::Same(between)] => {
                absorbable(between, before, &edit)
            }
            _ => false,
        };
        if fold_between {
            if let (Some(Segment::Same(between)), Some(Segment::Changed(before))) =
                (segments.pop(), segments.pop())
            {
                edit = before.join(&between, edit);
            }
            continue;
        }
        if matches!(segments.last(), Some(Segment::Changed(_))) {
            if let Some(Segment::Changed(before)) = segments.pop() {
                edit = before.join(&[], edit);
            }
            continue;
        }
        break;
    }
    segments.push(Segment::Changed(edit));
}

fn chars(tokens: &[&str]) -> usize {
    tokens.iter().map(|t| t.chars().count()).sum()
}

/// Whether unchanged tokens between two edits are better shown as part of them.
fn absorbable(between: &[&str], before: &Edit<'_>, after: &Edit<'_>) -> bool {
    if between.contains(&"\n") {
        return false;
    }
    if between.iter().all(|t| t.trim().is_empty()) {
        return true;
    }
    let size = chars(between);
    size <= before.size() && size <= after.size()
}

/// Collects one side's spans line by line.
#[derive(Default)]
struct LineBuilder {
    lines: Vec<Vec<Span>>,
    current: Vec<Span>,
}

impl LineBuilder {
    fn push(&mut self, change: Change, token: &str) {
        if token == "\n" {
            self.lines.push(std::mem::take(&mut self.current));
            return;
        }
        match self.current.last_mut() {
            Some(last) if last.change == change => last.text.push_str(token),
            _ => self.current.push(Span {
                change,
                text: token.to_owned(),
            }),
        }
    }

    fn finish(mut self) -> Vec<Vec<Span>> {
        self.lines.push(self.current);
        self.lines
    }
}

/// Which old line goes beside which new line in a changed block of `old` and `new` lines:
/// lines that share the most words are paired (in order), the others paired by position
/// between them, and what is left over stands alone.
fn pair_lines(
    old: usize,
    new: usize,
    shared: &[(usize, usize, usize)],
) -> Vec<(Option<usize>, Option<usize>)> {
    // `shared` is ordered in both lines (the edit script runs forward in both texts), so the
    // best one-to-one pairing is a chain picked by dynamic programming in one pass: entries
    // compatible with entry e (both lines strictly before) are exactly those before the first
    // entry sharing e's old or new line.
    let k = shared.len();
    let mut best = vec![0usize; k];
    let mut from = vec![None; k];
    // prefix_best[p] = the best chain among entries 0..p, and where it ends.
    let mut prefix_best: Vec<(usize, Option<usize>)> = vec![(0, None); k + 1];
    let (mut first_with_old, mut first_with_new) = (0, 0);
    for e in 0..k {
        let (o, n, w) = shared[e];
        // Both lines are non-decreasing along `shared`, so the entries with one old (or new)
        // line are adjacent.
        if e == 0 || shared[e - 1].0 != o {
            first_with_old = e;
        }
        if e == 0 || shared[e - 1].1 != n {
            first_with_new = e;
        }
        let p = first_with_old.min(first_with_new);
        let (before, end) = prefix_best[p];
        best[e] = before + w;
        from[e] = end;
        prefix_best[e + 1] = if best[e] > prefix_best[e].0 {
            (best[e], Some(e))
        } else {
            prefix_best[e]
        };
    }
    let mut chain = Vec::new();
    let mut at = prefix_best[k].1;
    while let Some(e) = at {
        chain.push((shared[e].0, shared[e].1));
        at = from[e];
    }
    chain.reverse();

    let mut pairs = Vec::with_capacity(old.max(new));
    let (mut o, mut n) = (0, 0);
    for (po, pn) in chain {
        pairs.extend(pair_gap(o..po, n..pn));
        pairs.push((Some(po), Some(pn)));
        (o, n) = (po + 1, pn + 1);
    }
    pairs.extend(pair_gap(o..old, n..new));
    pairs
}

/// Lines with nothing in common, paired by position.
fn pair_gap(old: Range<usize>, new: Range<usize>) -> Vec<(Option<usize>, Option<usize>)> {
    let len = old.len().max(new.len());
    (0..len)
        .map(|i| {
            let o = old.start + i;
            let n = new.start + i;
            ((o < old.end).then_some(o), (n < new.end).then_some(n))
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Word,
    Space,
    Single,
}

fn token_kind(c: char) -> TokenKind {
    if c.is_alphanumeric() || c == '_' {
        TokenKind::Word
    } else if c.is_whitespace() && c != '\n' {
        TokenKind::Space
    } else {
        TokenKind::Single
    }
}

/// Splits text into words (runs of letters, digits and `_`), runs of spaces, and single
/// other characters (punctuation, Markdown marks, line breaks), keeping every byte.
fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (i, c) in text.char_indices() {
        let k = token_kind(c);
        if kind != Some(k) || k == TokenKind::Single {
            if i > start {
                tokens.push(&text[start..i]);
            }
            start = i;
            kind = Some(k);
        }
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

fn is_word(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| token_kind(c) == TokenKind::Word)
}

fn is_punctuation(token: &str) -> bool {
    token.chars().next().is_some_and(|c| !c.is_whitespace()) && !is_word(token)
}

fn count_words(text: &str) -> usize {
    tokenize(text).into_iter().filter(|t| is_word(t)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(spans: &[Span], keep: Change) -> String {
        spans
            .iter()
            .filter(|s| s.change == Change::Equal || s.change == keep)
            .map(|s| s.text.as_str())
            .collect()
    }

    fn changed(spans: &[Span]) -> Vec<(Change, &str)> {
        spans
            .iter()
            .filter(|s| s.change != Change::Equal)
            .map(|s| (s.change, s.text.as_str()))
            .collect()
    }

    /// The old text rebuilt from the unified diff's unchanged and removed lines.
    fn old_from(diff: &TextDiff) -> String {
        let lines: Vec<String> = diff
            .unified
            .iter()
            .filter(|l| l.change != Change::Insert)
            .map(|l| text_of(&l.spans, Change::Delete))
            .collect();
        lines.join("\n")
    }

    /// The new text rebuilt from the unified diff's unchanged and added lines.
    fn new_from(diff: &TextDiff) -> String {
        let lines: Vec<String> = diff
            .unified
            .iter()
            .filter(|l| l.change != Change::Delete)
            .map(|l| text_of(&l.spans, Change::Insert))
            .collect();
        lines.join("\n")
    }

    fn canonical(text: &str) -> String {
        lines(&normalize_newlines(text)).join("\n")
    }

    const PARAGRAPH: &str = "The Healthcare and Public Health sector depends on a long chain \
        of suppliers, from medical device makers to cloud providers, and an outage at any of \
        them can delay patient care; the partnership therefore shares threat information \
        quickly, exercises its plans every year and tracks each measure to its target date.";

    #[test]
    fn identical_texts_are_unchanged() {
        let diff = diff_text(PARAGRAPH, PARAGRAPH);
        assert!(diff.is_unchanged());
        assert_eq!(diff.unified.len(), 1);
        assert_eq!(diff.side_by_side.len(), 1);
        assert!(!diff.side_by_side[0].changed);
        assert_eq!((diff.words_inserted, diff.words_deleted), (0, 0));
        assert!(diff_text("", "").is_unchanged());
        assert!(diff_text("", "").unified.is_empty());
        assert!(TextDiff::default().is_unchanged());
    }

    #[test]
    fn one_changed_word_in_a_long_paragraph_is_exactly_that_word() {
        let new = PARAGRAPH.replace("every year", "every quarter");
        let diff = diff_text(PARAGRAPH, &new);
        assert!(!diff.is_unchanged());
        assert_eq!(diff.unified.len(), 2);
        let [removed, added] = &diff.unified[..] else {
            panic!("two lines expected")
        };
        assert_eq!(removed.change, Change::Delete);
        assert_eq!(added.change, Change::Insert);
        assert_eq!(changed(&removed.spans), [(Change::Delete, "year")]);
        assert_eq!(changed(&added.spans), [(Change::Insert, "quarter")]);
        assert_eq!((diff.words_inserted, diff.words_deleted), (1, 1));
        let row = &diff.side_by_side[0];
        assert_eq!(diff.side_by_side.len(), 1);
        assert!(row.changed);
        assert_eq!((row.old_line, row.new_line), (Some(1), Some(1)));
        assert_eq!(changed(&row.left), [(Change::Delete, "year")]);
        assert_eq!(changed(&row.right), [(Change::Insert, "quarter")]);
        assert_eq!(text_of(&row.left, Change::Delete), PARAGRAPH);
        assert_eq!(text_of(&row.right, Change::Insert), new);
    }

    #[test]
    fn neighbouring_changed_words_read_as_one_phrase() {
        let diff = diff_text("the quick brown fox", "a slow brown fox");
        let row = &diff.side_by_side[0];
        assert_eq!(changed(&row.left), [(Change::Delete, "the quick")]);
        assert_eq!(changed(&row.right), [(Change::Insert, "a slow")]);
        assert_eq!((diff.words_inserted, diff.words_deleted), (2, 2));
    }

    #[test]
    fn punctuation_changes_leave_the_word_alone() {
        let diff = diff_text("Patients first.", "Patients first!");
        let row = &diff.side_by_side[0];
        assert_eq!(changed(&row.left), [(Change::Delete, ".")]);
        assert_eq!(changed(&row.right), [(Change::Insert, "!")]);
        assert_eq!((diff.words_inserted, diff.words_deleted), (0, 0));
        assert!(!diff.is_unchanged());
    }

    #[test]
    fn added_and_removed_lines_align_side_by_side() {
        let old = "Intro\nRemoved line\nMiddle\nEnd";
        let new = "Intro\nMiddle\nAdded line\nEnd";
        let diff = diff_text(old, new);
        let rows: Vec<_> = diff
            .side_by_side
            .iter()
            .map(|r| (r.old_line, r.new_line, r.changed))
            .collect();
        assert_eq!(
            rows,
            [
                (Some(1), Some(1), false),
                (Some(2), None, true),
                (Some(3), Some(2), false),
                (None, Some(3), true),
                (Some(4), Some(4), false),
            ]
        );
        assert_eq!(
            diff.side_by_side[1].left,
            whole(Change::Delete, "Removed line")
        );
        assert!(diff.side_by_side[1].right.is_empty());
        assert_eq!(
            diff.side_by_side[3].right,
            whole(Change::Insert, "Added line")
        );
        let unified: Vec<_> = diff
            .unified
            .iter()
            .map(|l| (l.change, l.old_line, l.new_line))
            .collect();
        assert_eq!(
            unified,
            [
                (Change::Equal, Some(1), Some(1)),
                (Change::Delete, Some(2), None),
                (Change::Equal, Some(3), Some(2)),
                (Change::Insert, None, Some(3)),
                (Change::Equal, Some(4), Some(4)),
            ]
        );
        assert_eq!(diff.lines_changed(), (1, 1));
    }

    #[test]
    fn a_paragraph_inserted_above_an_edited_one_pairs_the_edited_paragraphs() {
        let old = "Title\n\nOld paragraph about supply chain risk.\n\nEnd";
        let new = "Title\n\nA brand new paragraph.\nNew paragraph about supply chain risk.\n\nEnd";
        let diff = diff_text(old, new);
        let changed_rows: Vec<_> = diff
            .side_by_side
            .iter()
            .filter(|r| r.changed)
            .map(|r| (r.old_line, r.new_line))
            .collect();
        assert_eq!(changed_rows, [(None, Some(3)), (Some(3), Some(4))]);
        let row = diff.side_by_side.iter().find(|r| r.old_line == Some(3));
        let row = row.expect("the edited paragraph has a row");
        assert_eq!(changed(&row.left), [(Change::Delete, "Old")]);
        assert_eq!(changed(&row.right), [(Change::Insert, "New")]);
        assert_eq!(old_from(&diff), old);
        assert_eq!(new_from(&diff), new);
    }

    #[test]
    fn crlf_equals_lf_and_a_final_line_break_is_no_change() {
        assert!(diff_text("one\r\ntwo\r\n", "one\ntwo").is_unchanged());
        assert!(diff_text("one\rtwo", "one\ntwo\n").is_unchanged());
        let diff = diff_text("a\r\nb\r\nc", "a\nB\nc");
        let rows: Vec<_> = diff
            .side_by_side
            .iter()
            .map(|r| (r.old_line, r.changed))
            .collect();
        assert_eq!(rows, [(Some(1), false), (Some(2), true), (Some(3), false)]);
        assert!(
            diff.unified
                .iter()
                .all(|l| l.spans.iter().all(|s| !s.text.contains('\r')))
        );
    }

    #[test]
    fn an_empty_old_text_is_all_inserted() {
        let diff = diff_text("", "First line\n\nThird line\n");
        assert!(diff.unified.iter().all(|l| l.change == Change::Insert));
        assert_eq!(diff.unified.len(), 3);
        assert_eq!(diff.unified[0].spans, whole(Change::Insert, "First line"));
        assert!(diff.unified[1].spans.is_empty());
        assert!(
            diff.side_by_side
                .iter()
                .all(|r| r.old_line.is_none() && r.changed)
        );
        assert_eq!((diff.words_inserted, diff.words_deleted), (4, 0));

        let diff = diff_text("Gone now", "");
        assert_eq!(diff.unified.len(), 1);
        assert_eq!(diff.unified[0].change, Change::Delete);
        assert_eq!((diff.words_inserted, diff.words_deleted), (0, 2));
    }

    #[test]
    fn blank_lines_count() {
        assert_eq!(lines(""), Vec::<&str>::new());
        assert_eq!(lines("\n"), [""]);
        assert_eq!(lines("a"), ["a"]);
        assert_eq!(lines("a\n"), ["a"]);
        assert_eq!(lines("a\n\n"), ["a", ""]);
        assert!(!diff_text("a", "a\n\n").is_unchanged());
    }

    #[test]
    fn out_of_time_shows_whole_lines() {
        let new = PARAGRAPH.replace("every year", "every quarter");
        let diff = diff_text_within(PARAGRAPH, &new, Duration::ZERO);
        assert!(!diff.is_unchanged());
        assert_eq!(old_from(&diff), PARAGRAPH);
        assert_eq!(new_from(&diff), new);
        assert!(
            diff.unified
                .iter()
                .all(|l| l.spans.iter().all(|s| s.change == l.change))
        );
    }

    #[test]
    fn a_megabyte_of_text_is_diffed_within_the_budget() {
        // Two unrelated one-line "paragraphs" of a megabyte each: the worst case for a
        // word diff (few shared words, one huge block).
        let mut old = String::new();
        let mut new = String::new();
        let mut state: u64 = 7;
        while old.len() < 1_000_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            old.push_str(["alpha ", "beta ", "gamma ", "delta "][(state >> 33) as usize % 4]);
            new.push_str(["beta ", "epsilon ", "alpha ", "zeta "][(state >> 40) as usize % 4]);
        }
        let started = std::time::Instant::now();
        let diff = diff_text(&old, &new);
        let took = started.elapsed();
        assert!(!diff.is_unchanged());
        assert_eq!(old_from(&diff), old.trim_end_matches('\n'));
        assert_eq!(new_from(&diff), new.trim_end_matches('\n'));
        // The budget plus tokenising and building the layouts, with room for a slow,
        // unoptimised test build on a busy machine.
        assert!(took < Duration::from_secs(4), "took {took:?}");

        // One changed word in that megabyte-long paragraph is still found.
        let edited = old.replacen("gamma", "GAMMA", 1);
        let started = std::time::Instant::now();
        let diff = diff_text(&old, &edited);
        assert!(started.elapsed() < Duration::from_secs(4));
        assert_eq!((diff.words_inserted, diff.words_deleted), (1, 1));
        assert_eq!(
            changed(&diff.side_by_side[0].right),
            [(Change::Insert, "GAMMA")]
        );
    }

    #[test]
    fn many_changed_lines_are_diffed_within_the_budget() {
        let old: Vec<String> = (0..20_000)
            .map(|i| format!("line {i} of the old plan"))
            .collect();
        let new: Vec<String> = (0..20_000)
            .map(|i| format!("row {} in the new plan", i * 7 % 20_000))
            .collect();
        let (old, new) = (old.join("\n"), new.join("\n"));
        let started = std::time::Instant::now();
        let diff = diff_text(&old, &new);
        assert!(started.elapsed() < Duration::from_secs(4));
        assert_eq!(old_from(&diff), old);
        assert_eq!(new_from(&diff), new);
    }

    #[test]
    fn tokens_keep_every_character() {
        let text = "Goal 1.2: **reduce** ransomware — by 50 %\tnow_ok";
        let tokens = tokenize(text);
        assert_eq!(tokens.concat(), text);
        assert!(tokens.contains(&"ransomware"));
        assert!(tokens.contains(&"now_ok"));
        assert!(tokens.contains(&"*"));
        assert_eq!(count_words(text), 8);
    }

    #[test]
    fn old_and_new_spans_never_mix() {
        let diff = diff_text("a b c d\ne f", "a x c\ny e f g");
        for line in &diff.unified {
            let foreign = match line.change {
                Change::Equal => [Change::Insert, Change::Delete].as_slice(),
                Change::Delete => &[Change::Insert],
                Change::Insert => &[Change::Delete],
            };
            assert!(line.spans.iter().all(|s| !foreign.contains(&s.change)));
        }
        for row in &diff.side_by_side {
            assert!(row.left.iter().all(|s| s.change != Change::Insert));
            assert!(row.right.iter().all(|s| s.change != Change::Delete));
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop_oneof![
                    Just("plan"),
                    Just("goal"),
                    Just("sector"),
                    Just("the"),
                    Just(" "),
                    Just("  "),
                    Just("."),
                    Just("**"),
                    Just("\n"),
                    Just("\r\n"),
                    Just("\r"),
                    Just("\n\n"),
                    Just("é"),
                ],
                0..60,
            )
            .prop_map(|parts| parts.concat())
        }

        proptest! {
            #[test]
            fn the_layouts_rebuild_both_texts(old in text(), new in text()) {
                let diff = diff_text(&old, &new);
                prop_assert_eq!(old_from(&diff), canonical(&old));
                prop_assert_eq!(new_from(&diff), canonical(&new));
                let left: Vec<String> = diff.side_by_side.iter()
                    .filter(|r| r.old_line.is_some())
                    .map(|r| text_of(&r.left, Change::Delete))
                    .collect();
                let right: Vec<String> = diff.side_by_side.iter()
                    .filter(|r| r.new_line.is_some())
                    .map(|r| text_of(&r.right, Change::Insert))
                    .collect();
                prop_assert_eq!(left.join("\n"), canonical(&old));
                prop_assert_eq!(right.join("\n"), canonical(&new));
                // Line numbers run 1, 2, 3 ... on each side.
                let olds: Vec<usize> = diff.side_by_side.iter().filter_map(|r| r.old_line).collect();
                let news: Vec<usize> = diff.side_by_side.iter().filter_map(|r| r.new_line).collect();
                prop_assert_eq!(olds, (1..=lines(&normalize_newlines(&old)).len()).collect::<Vec<_>>());
                prop_assert_eq!(news, (1..=lines(&normalize_newlines(&new)).len()).collect::<Vec<_>>());
                prop_assert_eq!(diff.is_unchanged(), canonical(&old) == canonical(&new));
                // Spans are never empty, never hold a line break, and never repeat a change.
                for line in &diff.unified {
                    prop_assert!(line.spans.iter().all(|s| !s.text.is_empty() && !s.text.contains('\n')));
                    prop_assert!(line.spans.windows(2).all(|w| w[0].change != w[1].change));
                }
            }
        }
    }
}

//! Sending the mail outbox through an SMTP relay: a small hand-written SMTP client and the
//! background task that `serve` starts when `CONCORDAT_SMTP_ADDR` is set.
//!
//! Plain SMTP only (no TLS, no AUTH): it is meant for a relay on the same host or network,
//! such as a local MTA on 127.0.0.1:25, which then does the real delivery. A message is
//! marked sent only once the relay has accepted its DATA; every failure is recorded on the
//! row (attempts, last error) and retried on a later round, so nothing is lost. The SQL
//! lives in `app::ssr::db::mail`; nothing here holds a transaction while talking to SMTP.

use app::domain::Timestamp;
use app::ssr::db::mail::{self, MailRow};
use app::ssr::db::{Database, DbError};
use chrono::{DateTime, Utc};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// How often the background task looks at the outbox.
pub const SEND_EVERY: Duration = Duration::from_secs(30);
/// Messages sent per round, at most.
pub const BATCH_SIZE: i64 = 50;
/// After this many failed attempts a message is left for the operators.
pub const MAX_ATTEMPTS: i64 = 10;
/// The longest a connection attempt, or a wait for one reply, may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest reply line read from the server, in bytes.
const MAX_REPLY_LINE: usize = 4096;
/// Longest error text stored on a row, in characters.
const MAX_ERROR_TEXT: usize = 1000;

/// Where and as whom to send.
#[derive(Clone, Debug)]
pub struct SmtpConfig {
    /// The relay, `HOST:PORT`.
    pub addr: String,
    /// The sender address (envelope and `From:`).
    pub from: String,
    /// The limit for connecting and for each reply.
    pub timeout: Duration,
}

impl SmtpConfig {
    /// A relay and sender with the default timeout.
    pub fn new(addr: impl Into<String>, from: impl Into<String>) -> Self {
        Self {
            addr: addr.into(),
            from: from.into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// Why one message could not be handed to the relay: the step and what happened.
#[derive(Debug, thiserror::Error)]
#[error("SMTP {step} failed: {detail}")]
pub struct SmtpError {
    /// The step (`connect`, `greeting`, `EHLO`, `MAIL FROM`, `RCPT TO`, `DATA`, …).
    pub step: &'static str,
    /// The server's reply or the I/O error.
    pub detail: String,
}

impl SmtpError {
    fn new(step: &'static str, detail: impl ToString) -> Self {
        Self {
            step,
            detail: detail.to_string(),
        }
    }
}

/// What one round of [`send_pending`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Messages the relay accepted (and marked sent).
    pub sent: usize,
    /// Messages that failed (their failure recorded for a later round).
    pub failed: usize,
}

/// Refuses an address that could inject SMTP commands or headers (CR, LF, `<`, `>`), or
/// that is empty.
pub fn check_address(address: &str) -> Result<(), SmtpError> {
    if address.trim().is_empty() {
        return Err(SmtpError::new("address", "the address is empty"));
    }
    if address.contains(['\r', '\n', '<', '>']) {
        return Err(SmtpError::new(
            "address",
            format!("refusing an address with CR, LF, '<' or '>': {address:?}"),
        ));
    }
    Ok(())
}

/// One round: takes up to [`BATCH_SIZE`] waiting messages with fewer than [`MAX_ATTEMPTS`]
/// failures, sends each, and marks it sent or records the failure. Only database errors
/// end the round early; sending errors are recorded and counted.
pub async fn send_pending(db: &Database, smtp: &SmtpConfig) -> Result<SendReport, DbError> {
    let waiting = {
        let mut conn = db.pool().acquire().await?;
        mail::list_unsent_mail(&mut conn, BATCH_SIZE, MAX_ATTEMPTS).await?
    };
    let mut report = SendReport::default();
    for row in waiting {
        // The connection is released while talking to the relay.
        let outcome = send_mail(smtp, &row, Utc::now()).await;
        let mut conn = db.pool().acquire().await?;
        match outcome {
            Ok(()) => {
                mail::mark_mail_sent(&mut conn, row.id, Timestamp::now()).await?;
                report.sent += 1;
            }
            Err(err) => {
                tracing::warn!(mail_id = row.id, attempts = row.attempts + 1, error = %err, "could not send mail");
                let text: String = err.to_string().chars().take(MAX_ERROR_TEXT).collect();
                mail::record_mail_failure(&mut conn, row.id, &text, Timestamp::now()).await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Sends the outbox every `every` (and once at start), for ever (a task that `serve`
/// starts).
pub async fn send_every(db: Database, smtp: SmtpConfig, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match send_pending(&db, &smtp).await {
            Ok(SendReport { sent: 0, failed: 0 }) => {}
            Ok(report) => {
                tracing::info!(
                    sent = report.sent,
                    failed = report.failed,
                    "mail outbox sent"
                );
            }
            Err(err) => tracing::warn!(error = %err, "could not read or update the mail outbox"),
        }
    }
}

/// Hands one message to the relay; `Ok` only when the relay accepted its DATA.
pub async fn send_mail(
    smtp: &SmtpConfig,
    row: &MailRow,
    date: DateTime<Utc>,
) -> Result<(), SmtpError> {
    check_address(&smtp.from)?;
    check_address(&row.to_address)?;
    let message = format_message(
        &smtp.from,
        &row.to_address,
        &row.subject,
        &row.body_text,
        date,
        &message_id(row.id, row.created_at, &smtp.from),
    );
    let stream = tokio::time::timeout(smtp.timeout, TcpStream::connect(smtp.addr.as_str()))
        .await
        .map_err(|_| SmtpError::new("connect", format!("{}: timed out", smtp.addr)))?
        .map_err(|e| SmtpError::new("connect", format!("{}: {e}", smtp.addr)))?;
    let mut session = Session {
        stream: BufReader::new(stream),
        timeout: smtp.timeout,
    };
    session.expect("greeting", 220).await?;
    let helo_name = domain_of(&smtp.from);
    if session
        .command("EHLO", &format!("EHLO {helo_name}"), 250)
        .await
        .is_err()
    {
        session
            .command("HELO", &format!("HELO {helo_name}"), 250)
            .await?;
    }
    session
        .command("MAIL FROM", &format!("MAIL FROM:<{}>", smtp.from), 250)
        .await?;
    let rcpt = session
        .command("RCPT TO", &format!("RCPT TO:<{}>", row.to_address), 250)
        .await;
    if let Err(err) = rcpt {
        // 251 (forwarding) is an acceptance too.
        if !err.detail.starts_with("251") {
            return Err(err);
        }
    }
    session.command("DATA", "DATA", 354).await?;
    session.send("message", &message).await?;
    session.command("message", ".", 250).await?;
    // The relay has the message; a failed goodbye does not matter.
    let _ = session.command("QUIT", "QUIT", 221).await;
    Ok(())
}

struct Session {
    stream: BufReader<TcpStream>,
    timeout: Duration,
}

impl Session {
    async fn send(&mut self, step: &'static str, text: &str) -> Result<(), SmtpError> {
        let write = self.stream.get_mut().write_all(text.as_bytes());
        tokio::time::timeout(self.timeout, write)
            .await
            .map_err(|_| SmtpError::new(step, "timed out while writing"))?
            .map_err(|e| SmtpError::new(step, e))
    }

    /// Sends one command line and expects `code`.
    async fn command(
        &mut self,
        step: &'static str,
        line: &str,
        code: u16,
    ) -> Result<String, SmtpError> {
        self.send(step, &format!("{line}\r\n")).await?;
        self.expect(step, code).await
    }

    /// Reads one reply (all lines of a multi-line `250-…` reply) and checks its code.
    async fn expect(&mut self, step: &'static str, code: u16) -> Result<String, SmtpError> {
        let reply = tokio::time::timeout(self.timeout, self.read_reply(step))
            .await
            .map_err(|_| SmtpError::new(step, "timed out waiting for the server's reply"))??;
        if reply.starts_with(&code.to_string()) {
            Ok(reply)
        } else {
            Err(SmtpError::new(step, reply))
        }
    }

    async fn read_reply(&mut self, step: &'static str) -> Result<String, SmtpError> {
        let mut lines = Vec::new();
        loop {
            let mut raw = Vec::new();
            let n = (&mut self.stream)
                .take(MAX_REPLY_LINE as u64)
                .read_until(b'\n', &mut raw)
                .await
                .map_err(|e| SmtpError::new(step, e))?;
            if n == 0 {
                return Err(SmtpError::new(step, "the server closed the connection"));
            }
            let line = String::from_utf8_lossy(&raw).trim_end().to_owned();
            let bytes = line.as_bytes();
            if bytes.len() < 3 || !bytes[..3].iter().all(u8::is_ascii_digit) {
                return Err(SmtpError::new(step, format!("not an SMTP reply: {line:?}")));
            }
            let more = bytes.get(3) == Some(&b'-');
            lines.push(line);
            if !more {
                return Ok(lines.join(" / "));
            }
            if lines.len() > 100 {
                return Err(SmtpError::new(step, "a reply of more than 100 lines"));
            }
        }
    }
}

/// The part of an address after `@` (for EHLO and Message-ID), `localhost` without one.
fn domain_of(address: &str) -> &str {
    match address.rsplit_once('@') {
        Some((_, domain)) if !domain.is_empty() && domain.chars().all(|c| c.is_ascii_graphic()) => {
            domain
        }
        _ => "localhost",
    }
}

/// A Message-ID stable across retries of the same row, so that a relay or reader can tell
/// a resent copy.
fn message_id(id: i64, created_at: Timestamp, from: &str) -> String {
    format!(
        "<concordat.{id}.{}@{}>",
        created_at.as_datetime().timestamp(),
        domain_of(from)
    )
}

/// The DATA payload of one message: headers, a blank line, the body with CRLF line
/// endings and dot-stuffing, ending in CRLF (without the final `.` line).
pub fn format_message(
    from: &str,
    to: &str,
    subject: &str,
    body: &str,
    date: DateTime<Utc>,
    message_id: &str,
) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str(&format!("From: {from}\r\n"));
    out.push_str(&format!("To: {to}\r\n"));
    out.push_str(&format!("Subject: {}\r\n", encode_subject(subject)));
    out.push_str(&format!("Date: {}\r\n", date.to_rfc2822()));
    out.push_str(&format!("Message-ID: {message_id}\r\n"));
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str("Content-Type: text/plain; charset=utf-8\r\n");
    out.push_str("Content-Transfer-Encoding: 8bit\r\n");
    out.push_str("\r\n");
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    for line in body.split('\n') {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out
}

/// The subject on one line: as it is when printable ASCII, else RFC 2047 encoded-words
/// (`=?UTF-8?B?…?=`), each under 76 characters, folded onto continuation lines.
pub fn encode_subject(subject: &str) -> String {
    let flat: String = subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.is_ascii() {
        return flat;
    }
    // 45 bytes of UTF-8 become 60 base64 characters, 72 with the `=?UTF-8?B?` and `?=`.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in flat.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            group.get(1).copied().unwrap_or(0),
            group.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn long_subjects_are_split_into_short_encoded_words() {
        let encoded = encode_subject(&"é".repeat(100));
        for word in encoded.split("\r\n ") {
            assert!(word.len() <= 75, "{word}");
        }
    }
}

//! Sending the mail outbox through SMTP: a fake relay on port 0 receives what is queued; a
//! refused or unreachable relay leaves the mail waiting with the failure recorded. On
//! SQLite and PostgreSQL; plus the message formatting on its own.

mod common;

use app::domain::Timestamp;
use app::ssr::db::mail::{self, NewMail};
use chrono::TimeZone;
use common::TestApp;
use server::mailer::{self, SendReport, SmtpConfig};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const FROM: &str = "concordat@test.example";

/// What the fake relay received in one session.
#[derive(Clone, Debug, Default)]
struct Received {
    mail_from: String,
    rcpt_to: Vec<String>,
    data: String,
}

/// A fake SMTP relay on 127.0.0.1:0 that answers `rcpt_reply` to RCPT TO.
struct FakeRelay {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeRelay {
    async fn start(rcpt_reply: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let _ = session(stream, rcpt_reply, store).await;
                });
            }
        });
        Self {
            addr,
            received,
            task,
        }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    fn config(&self) -> SmtpConfig {
        SmtpConfig::new(self.addr.to_string(), FROM)
    }
}

impl Drop for FakeRelay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    rcpt_reply: &'static str,
    store: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    let mut stream = BufReader::new(stream);
    let mut got = Received::default();
    stream.write_all(b"220 fake.test ESMTP ready\r\n").await?;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let line = line.trim_end_matches("\r\n");
        let upper = line.to_ascii_uppercase();
        let reply: &str = if upper.starts_with("EHLO") {
            "250-fake.test hello\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n"
        } else if let Some(from) = line.strip_prefix("MAIL FROM:") {
            got.mail_from = from.to_owned();
            "250 2.1.0 ok\r\n"
        } else if let Some(to) = line.strip_prefix("RCPT TO:") {
            got.rcpt_to.push(to.to_owned());
            rcpt_reply
        } else if upper == "DATA" {
            stream.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            loop {
                let mut data_line = String::new();
                if stream.read_line(&mut data_line).await? == 0 {
                    return Ok(());
                }
                if data_line == ".\r\n" {
                    break;
                }
                data.push_str(&data_line);
            }
            got.data = data;
            store.lock().expect("lock").push(got.clone());
            "250 2.0.0 queued\r\n"
        } else if upper == "QUIT" {
            stream.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            "500 what?\r\n"
        };
        stream.write_all(reply.as_bytes()).await?;
    }
}

async fn queue(app: &TestApp, to: &str, subject: &str, body: &str) -> i64 {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    mail::insert_mail(
        &mut conn,
        NewMail {
            to: to.to_owned(),
            subject: subject.to_owned(),
            body: body.to_owned(),
            created_at: Timestamp::now(),
        },
    )
    .await
    .expect("queue mail")
}

async fn row(app: &TestApp, id: i64) -> mail::MailRow {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    mail::list_mail(&mut conn, 100)
        .await
        .expect("outbox")
        .into_iter()
        .find(|m| m.id == id)
        .expect("the queued mail")
}

db_test!(queued_mail_is_delivered_and_marked_sent, false, |app| {
    let relay = FakeRelay::start("250 2.1.5 ok\r\n").await;
    let id = queue(
        app,
        "someone@example.org",
        "Réunion du conseil",
        "Hello,\n.hidden line\nBye",
    )
    .await;

    let report = mailer::send_pending(&app.db, &relay.config())
        .await
        .expect("round");
    assert_eq!(report, SendReport { sent: 1, failed: 0 });

    let received = relay.received();
    assert_eq!(received.len(), 1);
    let got = &received[0];
    assert_eq!(got.mail_from, format!("<{FROM}>"));
    assert_eq!(got.rcpt_to, vec!["<someone@example.org>".to_owned()]);
    for header in [
        "From: concordat@test.example\r\n",
        "To: someone@example.org\r\n",
        "Subject: =?UTF-8?B?",
        "\r\nDate: ",
        "\r\nMessage-ID: <concordat.",
        "MIME-Version: 1.0\r\n",
        "Content-Type: text/plain; charset=utf-8\r\n",
        "Content-Transfer-Encoding: 8bit\r\n",
    ] {
        assert!(got.data.contains(header), "{header:?} in {}", got.data);
    }
    assert!(
        got.data
            .ends_with("\r\n\r\nHello,\r\n..hidden line\r\nBye\r\n"),
        "{}",
        got.data
    );

    let sent = row(app, id).await;
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.last_error, None);

    // Nothing is sent twice.
    let again = mailer::send_pending(&app.db, &relay.config())
        .await
        .expect("round");
    assert_eq!(again, SendReport::default());
    assert_eq!(relay.received().len(), 1);
});

db_test!(refused_recipient_leaves_the_mail_waiting, false, |app| {
    for refusal in ["451 4.3.0 try later\r\n", "550 5.1.1 no such user\r\n"] {
        let relay = FakeRelay::start(refusal).await;
        let id = queue(app, "nobody@example.org", "Hello", "Body").await;

        let report = mailer::send_pending(&app.db, &relay.config())
            .await
            .expect("round");
        assert_eq!(report, SendReport { sent: 0, failed: 1 });
        assert!(relay.received().is_empty());

        let waiting = row(app, id).await;
        assert_eq!(waiting.sent_at, None);
        assert_eq!(waiting.attempts, 1);
        let error = waiting.last_error.expect("the failure is recorded");
        assert!(error.contains("RCPT TO"), "{error}");
        assert!(error.contains(&refusal[..3]), "{error}");

        // Mark it sent by hand so the next refusal is tested on its own row.
        let mut conn = app.db.pool().acquire().await.expect("conn");
        mail::mark_mail_sent(&mut conn, id, Timestamp::now())
            .await
            .expect("mark");
    }
});

db_test!(unreachable_relay_leaves_the_mail_waiting, false, |app| {
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        listener.local_addr().expect("addr")
    };
    let id = queue(app, "someone@example.org", "Hello", "Body").await;
    let mut smtp = SmtpConfig::new(closed.to_string(), FROM);
    smtp.timeout = Duration::from_secs(5);

    let report = mailer::send_pending(&app.db, &smtp).await.expect("round");
    assert_eq!(report, SendReport { sent: 0, failed: 1 });

    let waiting = row(app, id).await;
    assert_eq!(waiting.sent_at, None);
    assert_eq!(waiting.attempts, 1);
    let error = waiting.last_error.expect("the failure is recorded");
    assert!(error.contains("connect"), "{error}");
});

db_test!(mail_with_an_injected_address_is_not_sent, false, |app| {
    let relay = FakeRelay::start("250 ok\r\n").await;
    let id = queue(app, "a@b.example>\r\nRCPT TO:<x@y", "Hello", "Body").await;
    let report = mailer::send_pending(&app.db, &relay.config())
        .await
        .expect("round");
    assert_eq!(report, SendReport { sent: 0, failed: 1 });
    assert!(relay.received().is_empty());
    let waiting = row(app, id).await;
    assert!(waiting.last_error.expect("recorded").contains("address"));
});

#[test]
fn a_message_has_its_headers_crlf_lines_and_dot_stuffing() {
    let date = chrono::Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 30, 0)
        .single()
        .expect("date");
    let message = mailer::format_message(
        "concordat@example.org",
        "reader@example.org",
        "Plain subject",
        "line one\r\n.starts with a dot\n..two dots\nlast",
        date,
        "<concordat.1.2@example.org>",
    );
    assert_eq!(
        message,
        "From: concordat@example.org\r\n\
         To: reader@example.org\r\n\
         Subject: Plain subject\r\n\
         Date: Tue, 1 Dec 2026 09:30:00 +0000\r\n\
         Message-ID: <concordat.1.2@example.org>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         line one\r\n\
         ..starts with a dot\r\n\
         ...two dots\r\n\
         last\r\n"
    );
}

#[test]
fn a_non_ascii_subject_is_an_encoded_word() {
    assert_eq!(mailer::encode_subject("Café"), "=?UTF-8?B?Q2Fmw6k=?=");
    assert_eq!(mailer::encode_subject("a\r\nBcc: x"), "a  Bcc: x");
}

#[test]
fn addresses_that_could_inject_headers_are_refused() {
    for bad in ["a@b\r\nBcc: c@d", "a@b>", "<a@b", "a@b\n", ""] {
        assert!(mailer::check_address(bad).is_err(), "{bad:?}");
    }
    assert!(mailer::check_address("a@b.example").is_ok());
}

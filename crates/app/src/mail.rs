//! Outgoing email over SMTP (lettre, rustls). Configured with an `smtp://` or `smtps://` URL;
//! without one, nothing is sent and admins hand out reset links themselves.

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::AppError;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `url`: `smtp://user:pass@host:587?tls=required`, `smtps://host:465`, or
    /// `smtp://127.0.0.1:2525` (plain, for a relay on the same machine).
    pub fn from_url(url: &str, from: &str) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("invalid SMTP URL: {e}"))?
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("invalid sender address: {e}"))?;
        Ok(Mailer { transport, from })
    }

    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), AppError> {
        let to = to
            .parse::<Mailbox>()
            .map_err(|e| AppError::Internal(format!("recipient: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| AppError::Internal(format!("building mail: {e}")))?;
        self.transport
            .send(message)
            .await
            .map_err(|e| AppError::Internal(format!("sending mail: {e}")))?;
        Ok(())
    }
}

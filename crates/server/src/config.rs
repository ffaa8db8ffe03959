//! Configuration, layered: built-in defaults → `eventmgr.toml` (optional) → environment
//! (`EVENTMGR_*`, `DATABASE_URL`, `REDIS_URL`) → command-line flags.
//!
//! A bad value stops start-up with one line naming the setting and where it came from.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A setting that could not be used: which one, from where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub setting: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid setting {}: {}", self.setting, self.message)
    }
}

impl std::error::Error for ConfigError {}

fn bad(setting: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError {
        setting: setting.into(),
        message: message.into(),
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// `None` means the embedded SQLite file in the data directory.
    pub database_url: Option<String>,
    pub db_max_connections: u32,
    /// HS256 secret for access tokens; generated and kept in the data directory when unset.
    pub jwt_secret: Option<String>,
    /// A previous secret still accepted, so rotating keys logs nobody out.
    pub jwt_previous_secret: Option<String>,
    /// Seals secrets stored in the database (MFA); generated into the data directory when unset.
    pub secret_key: Option<String>,
    pub access_token_ttl_seconds: i64,
    pub request_timeout_seconds: u64,
    pub log_format: LogFormat,
    pub redis_url: Option<String>,
    /// SMTP server for outgoing mail (`smtp://user:pass@host:587?tls=required`).
    pub smtp_url: Option<String>,
    /// Sender address of outgoing mail.
    pub mail_from: String,
    /// Where people reach the web app (links in emails); default `http://<listen>`.
    pub public_url: Option<String>,
    /// Where file content lives: `s3://bucket/prefix`, `file:///folder`, or (unset) the
    /// folder `blobs` in the data directory.
    pub blob_url: Option<String>,
    /// S3-compatible endpoint (MinIO, ...); unset for AWS itself.
    pub s3_endpoint: Option<String>,
    pub s3_region: String,
    pub s3_access_key_id: Option<String>,
    pub s3_secret_access_key: Option<String>,
    /// The largest file an upload accepts, in bytes.
    pub max_upload_bytes: u64,
    /// Where the TOML file was read from, if one was.
    pub config_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// JSON when stdout is not a terminal, human-readable when it is.
    Auto,
    Json,
    Pretty,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 3001)),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            db_max_connections: 10,
            jwt_secret: None,
            jwt_previous_secret: None,
            secret_key: None,
            access_token_ttl_seconds: 900,
            request_timeout_seconds: 30,
            log_format: LogFormat::Auto,
            redis_url: None,
            smtp_url: None,
            mail_from: "Event Manager <noreply@eventmgr.invalid>".to_owned(),
            public_url: None,
            blob_url: None,
            s3_endpoint: None,
            s3_region: "us-east-1".to_owned(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
            max_upload_bytes: eventmgr_app::files::DEFAULT_MAX_UPLOAD_BYTES,
            config_file: None,
        }
    }
}

/// The keys `eventmgr.toml` may contain; anything else is refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    db_max_connections: Option<u32>,
    jwt_secret: Option<String>,
    jwt_previous_secret: Option<String>,
    secret_key: Option<String>,
    access_token_ttl_seconds: Option<i64>,
    request_timeout_seconds: Option<u64>,
    log_format: Option<LogFormat>,
    redis_url: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    public_url: Option<String>,
    blob_url: Option<String>,
    s3_endpoint: Option<String>,
    s3_region: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
    max_upload_bytes: Option<u64>,
}

/// Values given on the command line (they win over everything).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
}

fn parse_listen(setting: &str, raw: &str) -> Result<SocketAddr, ConfigError> {
    raw.trim().parse().map_err(|_| {
        bad(
            setting,
            format!("'{raw}' is not an address such as 127.0.0.1:3001"),
        )
    })
}

fn check_database_url(setting: &str, raw: &str) -> Result<String, ConfigError> {
    let raw = raw.trim();
    if raw.starts_with("sqlite:") {
        return Ok(raw.to_owned());
    }
    match url::Url::parse(raw) {
        Ok(u)
            if matches!(u.scheme(), "postgres" | "postgresql")
                && u.host_str().is_some_and(|h| !h.is_empty()) =>
        {
            Ok(raw.to_owned())
        }
        Ok(_) => Err(bad(
            setting,
            "must be sqlite:<path> or postgres://user@host/database",
        )),
        Err(_) => Err(bad(
            setting,
            "is not a URL (expected sqlite:<path> or postgres://user@host/database)",
        )),
    }
}

fn check_smtp_url(setting: &str, raw: &str) -> Result<String, ConfigError> {
    match url::Url::parse(raw.trim()) {
        Ok(u) if matches!(u.scheme(), "smtp" | "smtps") && u.host_str().is_some() => {
            Ok(raw.trim().to_owned())
        }
        _ => Err(bad(
            setting,
            "must be smtp://host:port or smtps://host:port",
        )),
    }
}

fn check_public_url(setting: &str, raw: &str) -> Result<String, ConfigError> {
    match url::Url::parse(raw.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Ok(raw.trim().trim_end_matches('/').to_owned())
        }
        _ => Err(bad(
            setting,
            "must be an http(s) URL such as https://events.example.com",
        )),
    }
}

fn check_blob_url(setting: &str, raw: &str) -> Result<String, ConfigError> {
    eventmgr_app::blobs::BlobConfig::from_url(raw.trim()).map_err(|why| bad(setting, why))?;
    Ok(raw.trim().to_owned())
}

fn check_endpoint(setting: &str, raw: &str) -> Result<String, ConfigError> {
    match url::Url::parse(raw.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Ok(raw.trim().trim_end_matches('/').to_owned())
        }
        _ => Err(bad(
            setting,
            "must be an http(s) URL such as https://minio.example.com:9000",
        )),
    }
}

fn check_secret(setting: &str, raw: &str) -> Result<String, ConfigError> {
    if raw.len() < 32 {
        return Err(bad(setting, "must have at least 32 characters"));
    }
    Ok(raw.to_owned())
}

fn parse_number<T: std::str::FromStr>(setting: &str, raw: &str) -> Result<T, ConfigError> {
    raw.trim()
        .parse()
        .map_err(|_| bad(setting, format!("'{raw}' is not a valid number")))
}

fn parse_log_format(setting: &str, raw: &str) -> Result<LogFormat, ConfigError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "auto" => Ok(LogFormat::Auto),
        "json" => Ok(LogFormat::Json),
        "pretty" => Ok(LogFormat::Pretty),
        _ => Err(bad(setting, "must be auto, json or pretty")),
    }
}

impl Config {
    /// Loads the layers from the real environment.
    pub fn load(overrides: &Overrides) -> Result<Config, ConfigError> {
        Self::load_from(overrides, |name| std::env::var(name).ok())
    }

    /// Loads the layers with `env` standing in for the environment (tests).
    pub fn load_from(
        overrides: &Overrides,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = Config::default();

        // 1. the TOML file: named explicitly (must exist), or ./eventmgr.toml if present.
        let explicit = overrides
            .config_file
            .clone()
            .or_else(|| env("EVENTMGR_CONFIG").map(PathBuf::from));
        let path = explicit
            .clone()
            .or_else(|| Some(PathBuf::from("eventmgr.toml")).filter(|p| p.exists()));
        if let Some(path) = path {
            config.apply_file(&path)?;
            config.config_file = Some(path);
        }

        // 2. the environment.
        if let Some(v) = env("EVENTMGR_LISTEN") {
            config.listen = parse_listen("listen (EVENTMGR_LISTEN)", &v)?;
        }
        if let Some(v) = env("EVENTMGR_DATA_DIR") {
            config.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("DATABASE_URL").or_else(|| env("EVENTMGR_DATABASE_URL")) {
            config.database_url = Some(check_database_url("database_url (DATABASE_URL)", &v)?);
        }
        if let Some(v) = env("EVENTMGR_DB_MAX_CONNECTIONS") {
            config.db_max_connections =
                parse_number("db_max_connections (EVENTMGR_DB_MAX_CONNECTIONS)", &v)?;
        }
        if let Some(v) = env("EVENTMGR_JWT_SECRET") {
            config.jwt_secret = Some(check_secret("jwt_secret (EVENTMGR_JWT_SECRET)", &v)?);
        }
        if let Some(v) = env("EVENTMGR_JWT_PREVIOUS_SECRET") {
            config.jwt_previous_secret = Some(check_secret(
                "jwt_previous_secret (EVENTMGR_JWT_PREVIOUS_SECRET)",
                &v,
            )?);
        }
        if let Some(v) = env("EVENTMGR_SECRET_KEY") {
            config.secret_key = Some(check_secret("secret_key (EVENTMGR_SECRET_KEY)", &v)?);
        }
        if let Some(v) = env("EVENTMGR_ACCESS_TOKEN_TTL_SECONDS") {
            config.access_token_ttl_seconds = parse_number(
                "access_token_ttl_seconds (EVENTMGR_ACCESS_TOKEN_TTL_SECONDS)",
                &v,
            )?;
        }
        if let Some(v) = env("EVENTMGR_REQUEST_TIMEOUT_SECONDS") {
            config.request_timeout_seconds = parse_number(
                "request_timeout_seconds (EVENTMGR_REQUEST_TIMEOUT_SECONDS)",
                &v,
            )?;
        }
        if let Some(v) = env("EVENTMGR_LOG_FORMAT") {
            config.log_format = parse_log_format("log_format (EVENTMGR_LOG_FORMAT)", &v)?;
        }
        if let Some(v) = env("REDIS_URL") {
            config.redis_url = Some(v);
        }
        if let Some(v) = env("EVENTMGR_SMTP_URL") {
            config.smtp_url = Some(check_smtp_url("smtp_url (EVENTMGR_SMTP_URL)", &v)?);
        }
        if let Some(v) = env("EVENTMGR_MAIL_FROM") {
            config.mail_from = v;
        }
        if let Some(v) = env("EVENTMGR_PUBLIC_URL") {
            config.public_url = Some(check_public_url("public_url (EVENTMGR_PUBLIC_URL)", &v)?);
        }
        if let Some(v) = env("EVENTMGR_BLOB_URL") {
            config.blob_url = Some(check_blob_url("blob_url (EVENTMGR_BLOB_URL)", &v)?);
        }
        if let Some(v) = env("EVENTMGR_S3_ENDPOINT") {
            config.s3_endpoint = Some(check_endpoint("s3_endpoint (EVENTMGR_S3_ENDPOINT)", &v)?);
        }
        if let Some(v) = env("EVENTMGR_S3_REGION").or_else(|| env("AWS_REGION")) {
            config.s3_region = v;
        }
        if let Some(v) = env("EVENTMGR_S3_ACCESS_KEY_ID").or_else(|| env("AWS_ACCESS_KEY_ID")) {
            config.s3_access_key_id = Some(v);
        }
        if let Some(v) =
            env("EVENTMGR_S3_SECRET_ACCESS_KEY").or_else(|| env("AWS_SECRET_ACCESS_KEY"))
        {
            config.s3_secret_access_key = Some(v);
        }
        if let Some(v) = env("EVENTMGR_MAX_UPLOAD_BYTES") {
            config.max_upload_bytes =
                parse_number("max_upload_bytes (EVENTMGR_MAX_UPLOAD_BYTES)", &v)?;
        }

        // 3. flags.
        if let Some(v) = &overrides.listen {
            config.listen = parse_listen("listen (--listen)", v)?;
        }
        if let Some(v) = &overrides.data_dir {
            config.data_dir = v.clone();
        }
        if let Some(v) = &overrides.database_url {
            config.database_url = Some(check_database_url("database_url (--database-url)", v)?);
        }
        config.validate()?;
        Ok(config)
    }

    fn apply_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let setting = format!("config file ({})", path.display());
        let text = std::fs::read_to_string(path)
            .map_err(|e| bad(&setting, format!("cannot be read: {e}")))?;
        let file: FileConfig =
            toml::from_str(&text).map_err(|e| bad(&setting, e.message().to_owned()))?;
        let in_file = |key: &str| format!("{key} (in {})", path.display());
        if let Some(v) = file.listen {
            self.listen = parse_listen(&in_file("listen"), &v)?;
        }
        if let Some(v) = file.data_dir {
            self.data_dir = v;
        }
        if let Some(v) = file.database_url {
            self.database_url = Some(check_database_url(&in_file("database_url"), &v)?);
        }
        if let Some(v) = file.db_max_connections {
            self.db_max_connections = v;
        }
        if let Some(v) = file.jwt_secret {
            self.jwt_secret = Some(check_secret(&in_file("jwt_secret"), &v)?);
        }
        if let Some(v) = file.jwt_previous_secret {
            self.jwt_previous_secret = Some(check_secret(&in_file("jwt_previous_secret"), &v)?);
        }
        if let Some(v) = file.secret_key {
            self.secret_key = Some(check_secret(&in_file("secret_key"), &v)?);
        }
        if let Some(v) = file.access_token_ttl_seconds {
            self.access_token_ttl_seconds = v;
        }
        if let Some(v) = file.request_timeout_seconds {
            self.request_timeout_seconds = v;
        }
        if let Some(v) = file.log_format {
            self.log_format = v;
        }
        if let Some(v) = file.redis_url {
            self.redis_url = Some(v);
        }
        if let Some(v) = file.smtp_url {
            self.smtp_url = Some(check_smtp_url(&in_file("smtp_url"), &v)?);
        }
        if let Some(v) = file.mail_from {
            self.mail_from = v;
        }
        if let Some(v) = file.public_url {
            self.public_url = Some(check_public_url(&in_file("public_url"), &v)?);
        }
        if let Some(v) = file.blob_url {
            self.blob_url = Some(check_blob_url(&in_file("blob_url"), &v)?);
        }
        if let Some(v) = file.s3_endpoint {
            self.s3_endpoint = Some(check_endpoint(&in_file("s3_endpoint"), &v)?);
        }
        if let Some(v) = file.s3_region {
            self.s3_region = v;
        }
        if let Some(v) = file.s3_access_key_id {
            self.s3_access_key_id = Some(v);
        }
        if let Some(v) = file.s3_secret_access_key {
            self.s3_secret_access_key = Some(v);
        }
        if let Some(v) = file.max_upload_bytes {
            self.max_upload_bytes = v;
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=1000).contains(&self.db_max_connections) {
            return Err(bad("db_max_connections", "must be between 1 and 1000"));
        }
        if !(60..=86_400).contains(&self.access_token_ttl_seconds) {
            return Err(bad(
                "access_token_ttl_seconds",
                "must be between 60 and 86400",
            ));
        }
        if !(1..=3600).contains(&self.request_timeout_seconds) {
            return Err(bad("request_timeout_seconds", "must be between 1 and 3600"));
        }
        if self.max_upload_bytes == 0 {
            return Err(bad("max_upload_bytes", "must be at least 1"));
        }
        Ok(())
    }

    /// The database URL in effect: the configured one, or SQLite in the data directory.
    pub fn effective_database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite:{}", self.data_dir.join("eventmgr.db").display()))
    }

    /// Where file content lives, with the S3 settings applied.
    pub fn blob_config(&self) -> eventmgr_app::blobs::BlobConfig {
        use eventmgr_app::blobs::BlobConfig;
        let parsed = self
            .blob_url
            .as_deref()
            .and_then(|url| BlobConfig::from_url(url).ok());
        match parsed {
            Some(BlobConfig::S3 { bucket, prefix, .. }) => BlobConfig::S3 {
                bucket,
                prefix,
                endpoint: self.s3_endpoint.clone(),
                region: self.s3_region.clone(),
                access_key_id: self.s3_access_key_id.clone(),
                secret_access_key: self.s3_secret_access_key.clone(),
            },
            Some(local) => local,
            None => BlobConfig::Local {
                root: self.data_dir.join("blobs"),
            },
        }
    }

    /// The URL links in emails point to.
    pub fn effective_public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
    }

    /// Creates the data directory if needed and checks that it is writable.
    pub fn prepare_data_dir(&self) -> Result<(), ConfigError> {
        let setting = format!("data_dir ({})", self.data_dir.display());
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| bad(&setting, format!("cannot be created: {e}")))?;
        let probe = self.data_dir.join(".write-test");
        std::fs::write(&probe, b"ok")
            .map_err(|e| bad(&setting, format!("is not writable: {e}")))?;
        let _ = std::fs::remove_file(probe);
        Ok(())
    }

    /// The configuration as `eventmgr config` prints it: every secret masked.
    pub fn render_masked(&self) -> String {
        let mask = |v: &Option<String>, unset: &str| match v {
            Some(_) => "**** (set)".to_owned(),
            None => unset.to_owned(),
        };
        let mut lines = vec![
            format!(
                "config_file              = {}",
                self.config_file
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "(none)".to_owned())
            ),
            format!("listen                   = {}", self.listen),
            format!("data_dir                 = {}", self.data_dir.display()),
            format!(
                "database_url             = {}",
                eventmgr_store::redact(&self.effective_database_url())
            ),
            format!("db_max_connections       = {}", self.db_max_connections),
            format!(
                "jwt_secret               = {}",
                mask(&self.jwt_secret, "(generated, kept in data_dir/jwt.key)")
            ),
            format!(
                "jwt_previous_secret      = {}",
                mask(&self.jwt_previous_secret, "(none)")
            ),
            format!(
                "access_token_ttl_seconds = {}",
                self.access_token_ttl_seconds
            ),
            format!(
                "request_timeout_seconds  = {}",
                self.request_timeout_seconds
            ),
            format!("log_format               = {:?}", self.log_format).to_lowercase(),
        ];
        lines.push(format!(
            "redis_url                = {}",
            self.redis_url
                .as_deref()
                .map(eventmgr_store::redact)
                .unwrap_or_else(|| "(none: in-process cache)".to_owned())
        ));
        lines.push(format!(
            "smtp_url                 = {}",
            self.smtp_url
                .as_deref()
                .map(eventmgr_store::redact)
                .unwrap_or_else(|| "(none: admins create reset links)".to_owned())
        ));
        lines.push(format!(
            "secret_key               = {}",
            if self.secret_key.is_some() {
                "**** (set)"
            } else {
                "(generated, kept in data_dir/secret.key)"
            }
        ));
        lines.push(format!("mail_from                = {}", self.mail_from));
        lines.push(format!(
            "blob_url                 = {}",
            self.blob_url.clone().unwrap_or_else(|| format!(
                "(none: folder {})",
                self.data_dir.join("blobs").display()
            ))
        ));
        lines.push(format!(
            "s3_endpoint              = {}",
            self.s3_endpoint.as_deref().unwrap_or("(none)")
        ));
        lines.push(format!("s3_region                = {}", self.s3_region));
        lines.push(format!(
            "s3_access_key_id         = {}",
            self.s3_access_key_id.as_deref().unwrap_or("(none)")
        ));
        lines.push(format!(
            "s3_secret_access_key     = {}",
            mask(&self.s3_secret_access_key, "(none)")
        ));
        lines.push(format!(
            "max_upload_bytes         = {}",
            self.max_upload_bytes
        ));
        lines.push(format!(
            "public_url               = {}",
            self.effective_public_url()
        ));
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(env: &[(&str, &str)], overrides: Overrides) -> Result<Config, ConfigError> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load_from(&overrides, |k| env.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = load(&[], Overrides::default()).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:3001");
        assert_eq!(c.effective_database_url(), "sqlite:./data/eventmgr.db");
    }

    #[test]
    fn flags_beat_environment_beats_file() {
        let dir = std::env::temp_dir().join(format!("eventmgr-config-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("eventmgr.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:4000\"\ndata_dir = \"/tmp/from-file\"\nrequest_timeout_seconds = 5\n").unwrap();
        let c = load(
            &[("EVENTMGR_LISTEN", "127.0.0.1:5000")],
            Overrides {
                config_file: Some(file.clone()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.listen.port(), 5000);
        assert_eq!(c.data_dir, PathBuf::from("/tmp/from-file"));
        assert_eq!(c.request_timeout_seconds, 5);
        let c = load(
            &[("EVENTMGR_LISTEN", "127.0.0.1:5000")],
            Overrides {
                config_file: Some(file),
                listen: Some("127.0.0.1:6000".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.listen.port(), 6000);
    }

    #[test]
    fn bad_values_name_the_setting() {
        let e = load(&[("DATABASE_URL", "not a url")], Overrides::default()).unwrap_err();
        assert!(e.setting.contains("DATABASE_URL"), "{e}");
        let e = load(&[("EVENTMGR_LISTEN", "localhost")], Overrides::default()).unwrap_err();
        assert!(e.setting.contains("EVENTMGR_LISTEN"), "{e}");
        let e = load(&[("EVENTMGR_JWT_SECRET", "short")], Overrides::default()).unwrap_err();
        assert!(e.setting.contains("jwt_secret"));
        let e = load(&[("DATABASE_URL", "mysql://h/db")], Overrides::default()).unwrap_err();
        assert!(e.to_string().contains("postgres://"));
    }

    #[test]
    fn unknown_file_key_is_refused() {
        let dir = std::env::temp_dir().join(format!("eventmgr-config-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("eventmgr.toml");
        std::fs::write(&file, "lisen = \"127.0.0.1:4000\"\n").unwrap();
        let e = load(
            &[],
            Overrides {
                config_file: Some(file),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("lisen"), "{e}");
    }

    #[test]
    fn secrets_are_masked() {
        let c = load(
            &[
                ("DATABASE_URL", "postgres://app:hunter2@db.example/em"),
                ("EVENTMGR_JWT_SECRET", &"s".repeat(40)),
            ],
            Overrides::default(),
        )
        .unwrap();
        let text = c.render_masked();
        assert!(
            !text.contains("hunter2") && !text.contains(&"s".repeat(40)),
            "{text}"
        );
        assert!(text.contains("postgres://app:****@db.example/em"));
    }
}

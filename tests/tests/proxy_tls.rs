//! Proxies and TLS trust, over loopback: a proxy stand-in that records what
//! reaches it and relays to tc-mock (which verifies every signature), and an
//! HTTPS endpoint made in the test from a private authority (rcgen) in front
//! of tc-mock (tokio-rustls).

mod support;

use std::sync::{Arc, Mutex};

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::json;
use tc_core::credential::Env;
use tc_core::{Client, ClientBuilder, Error, TransportErrorKind};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const ID: &str = "AKIDproxy";
const KEY: &str = "proxy-test-key";

async fn mock() -> tc_mock::MockServer {
    tc_mock::MockServer::builder()
        .credential(ID, KEY)
        .start()
        .await
        .unwrap()
}

/// A client for `endpoint` with the mock's key pair, reading only `env`.
fn builder(endpoint: &str, env: Env) -> ClientBuilder {
    Client::builder()
        .endpoint(endpoint)
        .region("ap-guangzhou")
        .credential(tc_core::Credential::new(ID, KEY))
        .env(env)
}

async fn describe(client: &Client) -> Result<serde_json::Value, Error> {
    client
        .send_json(
            "cvm",
            "2017-03-12",
            "DescribeImageSharePermission",
            json!({"ImageId": "img-6pb6lrmy"}),
        )
        .await
}

/// An HTTP proxy stand-in: records each connection's request head, then
/// relays the connection to `target` (after answering a `CONNECT`).
struct ProxyStandIn {
    addr: std::net::SocketAddr,
    heads: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl Drop for ProxyStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ProxyStandIn {
    async fn start(target: std::net::SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&heads);
        let task = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    let mut read = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !read.windows(4).any(|w| w == b"\r\n\r\n") {
                        match client.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => read.extend_from_slice(&buf[..n]),
                        }
                    }
                    let end = read.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
                    let head = String::from_utf8_lossy(&read[..end]).into_owned();
                    log.lock().unwrap().push(head.clone());
                    let mut upstream = TcpStream::connect(target).await.unwrap();
                    if head.starts_with("CONNECT ") {
                        client
                            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                            .await
                            .unwrap();
                        upstream.write_all(&read[end..]).await.unwrap();
                    } else {
                        upstream.write_all(&read).await.unwrap();
                    }
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                });
            }
        });
        ProxyStandIn { addr, heads, task }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn a_proxy_given_with_credentials_receives_the_request() {
    let mock = mock().await;
    let proxy = ProxyStandIn::start(mock.addr()).await;
    let with_password = format!("http://alice:s3cret@{}", proxy.addr);
    let client = builder(&mock.endpoint(), Env::fixed([("HOME", "/nonexistent")]))
        .proxy(&with_password)
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("s3cret"));
    let out = describe(&client).await.unwrap();
    assert!(out["SharePermissionSet"].is_array(), "{out}");
    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    // The absolute form a proxy receives, with the proxy's credentials.
    assert!(
        heads[0].starts_with(&format!("POST {}/ HTTP/1.1", mock.endpoint())),
        "{}",
        heads[0]
    );
    let basic = "Basic YWxpY2U6czNjcmV0"; // alice:s3cret
    assert!(
        heads[0].to_ascii_lowercase().contains(&format!(
            "proxy-authorization: {}",
            basic.to_ascii_lowercase()
        )),
        "{}",
        heads[0]
    );
    assert_eq!(
        mock.requests()[0].error_code,
        None,
        "signature verified through the proxy"
    );
}

#[tokio::test]
async fn no_proxy_bypasses_the_proxy() {
    let mock = mock().await;
    let proxy = ProxyStandIn::start(mock.addr()).await;
    let client = builder(
        &mock.endpoint(),
        Env::fixed([("NO_PROXY", "localhost,127.0.0.1")]),
    )
    .proxy(proxy.url())
    .build()
    .unwrap();
    describe(&client).await.unwrap();
    assert!(proxy.heads().is_empty(), "{:?}", proxy.heads());
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn the_environment_proxy_is_used_unless_turned_off() {
    let mock = mock().await;
    let proxy = ProxyStandIn::start(mock.addr()).await;
    let env = Env::fixed([("http_proxy", proxy.url())]);
    let client = builder(&mock.endpoint(), env.clone()).build().unwrap();
    describe(&client).await.unwrap();
    assert_eq!(proxy.heads().len(), 1);

    let direct = builder(&mock.endpoint(), env).no_proxy().build().unwrap();
    describe(&direct).await.unwrap();
    assert_eq!(proxy.heads().len(), 1, "no_proxy() ignores the environment");
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn a_bad_proxy_url_is_a_build_error_without_its_password() {
    let built = Client::builder().proxy("http://bob:hunter2@[::1").build();
    let Err(error @ Error::Build(_)) = built else {
        panic!("expected a build error, got {built:?}");
    };
    assert!(!error.to_string().contains("hunter2"), "{error}");
}

/// rustls's ring provider (deprecated from rustls 0.23.48 for lacking
/// post-quantum key exchange, which a test on loopback does not need).
#[allow(deprecated)]
fn ring() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A private authority, and a server certificate for `localhost` it signed.
struct Authority {
    ca_pem: String,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: PrivateKeyDer<'static>,
}

fn authority() -> Authority {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "tc-tests private authority");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca)
        .unwrap();
    Authority {
        ca_pem: ca.pem(),
        server_chain: vec![server.der().clone()],
        server_key: PrivatePkcs8KeyDer::from(server_key.serialize_der()).into(),
    }
}

/// An HTTPS endpoint: TLS with `authority`'s server certificate, relayed
/// as plain HTTP to `target`.
async fn https_in_front_of(
    target: std::net::SocketAddr,
    authority: &Authority,
) -> (u16, JoinHandle<()>) {
    let config = rustls::ServerConfig::builder_with_provider(ring())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            authority.server_chain.clone(),
            authority.server_key.clone_key(),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut upstream = TcpStream::connect(target).await.unwrap();
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut upstream).await;
            });
        }
    });
    (port, task)
}

#[tokio::test]
async fn a_private_authority_is_trusted_once_added_and_not_before() {
    let mock = mock().await;
    let authority = authority();
    let (port, task) = https_in_front_of(mock.addr(), &authority).await;
    let endpoint = format!("https://localhost:{port}");
    let env = || Env::fixed([("HOME", "/nonexistent")]);

    let untrusting = builder(&endpoint, env())
        .retry(tc_core::RetryConfig::disabled())
        .build()
        .unwrap();
    let error = describe(&untrusting).await.unwrap_err();
    assert_eq!(
        support::transport_kind(&error),
        TransportErrorKind::Tls,
        "{error}"
    );

    let trusting = builder(&endpoint, env())
        .add_root_certificate(&authority.ca_pem)
        .build()
        .unwrap();
    let out = describe(&trusting).await.unwrap();
    assert!(out["SharePermissionSet"].is_array(), "{out}");
    assert_eq!(mock.requests().last().unwrap().error_code, None);

    // Through an HTTPS proxy (CONNECT), the endpoint's certificate is still checked.
    let proxy = ProxyStandIn::start(format!("127.0.0.1:{port}").parse().unwrap()).await;
    let proxied = builder(&endpoint, Env::fixed([("HTTPS_PROXY", proxy.url())]))
        .add_root_certificate(&authority.ca_pem)
        .build()
        .unwrap();
    describe(&proxied).await.unwrap();
    assert!(
        proxy.heads()[0].starts_with(&format!("CONNECT localhost:{port} ")),
        "{:?}",
        proxy.heads()
    );
    task.abort();
}

#[tokio::test]
async fn text_without_a_certificate_is_a_build_error() {
    let built = Client::builder()
        .add_root_certificate("not a certificate")
        .build();
    assert!(matches!(built, Err(Error::Build(_))), "{built:?}");
}

#[tokio::test]
async fn ones_own_http_client_is_used_as_it_is() {
    let mock = mock().await;
    let authority = authority();
    let (port, task) = https_in_front_of(mock.addr(), &authority).await;
    let proxy = ProxyStandIn::start(mock.addr()).await;
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    for certificate in CertificateDer::pem_slice_iter(authority.ca_pem.as_bytes()) {
        roots.add(certificate.unwrap()).unwrap();
    }
    let tls = rustls::ClientConfig::builder_with_provider(ring())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let own = tc_core::reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .no_proxy()
        .build()
        .unwrap();
    // The builder's proxy does not apply to one's own client.
    let client = builder(
        &format!("https://localhost:{port}"),
        Env::fixed([("HOME", "/nonexistent")]),
    )
    .http_client(own)
    .proxy(proxy.url())
    .build()
    .unwrap();
    describe(&client).await.unwrap();
    assert!(proxy.heads().is_empty());
    assert_eq!(mock.requests().last().unwrap().error_code, None);
    task.abort();
}

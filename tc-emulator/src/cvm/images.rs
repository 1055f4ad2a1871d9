//! Image sharing, with state: images, who they are shared with, and the rules
//! the service applies (id format, unknown images, sharing with oneself, a
//! share quota).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use tc_mock::{MockError, MockServer};
use tc_sign::time::{unix_now, utc_iso8601};

use super::wire::{
    CvmCode, DescribeImageSharePermission, DescribeImageSharePermissionResponse, DescribeImages,
    DescribeImagesResponse, Done, Image, ModifyImageSharePermission, SharePermission,
};

/// The account that owns the seeded images, unless configured otherwise.
pub const DEFAULT_OWNER_ACCOUNT: &str = "100000000001";
/// How many accounts one image may be shared with, unless configured otherwise.
pub const DEFAULT_SHARE_QUOTA: usize = 50;

/// CVM images and their sharing, served by a [`MockServer`] for
/// `DescribeImageSharePermission`, `ModifyImageSharePermission` (SHARE and
/// CANCEL) and `DescribeImages`.
#[derive(Debug)]
pub struct ImageSharing {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    owner_account: String,
    share_quota: usize,
    images: BTreeMap<String, ImageRecord>,
}

#[derive(Debug, Clone)]
struct ImageRecord {
    name: String,
    created_time: String,
    os_name: String,
    /// Account id to the time the share was made.
    shares: BTreeMap<String, String>,
}

impl Default for ImageSharing {
    fn default() -> Self {
        Self::seeded()
    }
}

impl ImageSharing {
    /// The state of the seed example: `img-6pb6lrmy` shared with `101104350000`
    /// (since 2018-06-10T11:02:50Z) and `101104350001` (since
    /// 2018-06-13T15:03:25Z), plus an unshared image `img-8toqc6s3`.
    pub fn seeded() -> Self {
        let mut images = BTreeMap::new();
        images.insert(
            "img-6pb6lrmy".to_owned(),
            ImageRecord {
                name: "web-server-base".to_owned(),
                created_time: "2018-06-01T08:00:00Z".to_owned(),
                os_name: "TencentOS Server 3.1".to_owned(),
                shares: BTreeMap::from([
                    ("101104350000".to_owned(), "2018-06-10T11:02:50Z".to_owned()),
                    ("101104350001".to_owned(), "2018-06-13T15:03:25Z".to_owned()),
                ]),
            },
        );
        images.insert(
            "img-8toqc6s3".to_owned(),
            ImageRecord {
                name: "batch-worker".to_owned(),
                created_time: "2019-03-04T09:30:00Z".to_owned(),
                os_name: "Ubuntu Server 22.04 LTS 64bit".to_owned(),
                shares: BTreeMap::new(),
            },
        );
        ImageSharing {
            state: Mutex::new(State {
                owner_account: DEFAULT_OWNER_ACCOUNT.to_owned(),
                share_quota: DEFAULT_SHARE_QUOTA,
                images,
            }),
        }
    }

    /// Sets how many accounts one image may be shared with.
    #[must_use]
    pub fn with_share_quota(self, quota: usize) -> Self {
        self.lock().share_quota = quota;
        self
    }

    /// Sets the caller's own account id (sharing with it is refused).
    #[must_use]
    pub fn with_owner_account(self, account: impl Into<String>) -> Self {
        self.lock().owner_account = account.into();
        self
    }

    /// Serves the three image actions from this state on `mock`.
    pub fn install(self: &Arc<Self>, mock: &MockServer) {
        let me = Arc::clone(self);
        mock.on(move |req: DescribeImageSharePermission| me.describe_shares(&req));
        let me = Arc::clone(self);
        mock.on(move |req: ModifyImageSharePermission| me.modify_shares(&req));
        let me = Arc::clone(self);
        mock.on(move |req: DescribeImages| me.describe_images(&req));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn describe_shares(
        &self,
        req: &DescribeImageSharePermission,
    ) -> Result<DescribeImageSharePermissionResponse, MockError> {
        let state = self.lock();
        let image = state.image(&req.image_id)?;
        Ok(DescribeImageSharePermissionResponse {
            share_permission_set: image
                .shares
                .iter()
                .map(|(account, since)| SharePermission {
                    created_time: since.clone(),
                    account_id: account.clone(),
                })
                .collect(),
        })
    }

    fn modify_shares(&self, req: &ModifyImageSharePermission) -> Result<Done, MockError> {
        let mut state = self.lock();
        state.image(&req.image_id)?;
        for account in &req.account_ids {
            let valid =
                (5..=20).contains(&account.len()) && account.bytes().all(|b| b.is_ascii_digit());
            if !valid {
                return Err(MockError::code(
                    CvmCode::InvalidAccountIdNotFound,
                    format!("The account id `{account}` does not exist."),
                ));
            }
            if *account == state.owner_account {
                return Err(MockError::code(
                    CvmCode::InvalidAccountIsYourSelf,
                    "An image cannot be shared with the account that owns it.",
                ));
            }
        }
        let quota = state.share_quota;
        let now = utc_iso8601(unix_now());
        let image = state.image_mut(&req.image_id)?;
        match req.permission.as_str() {
            "SHARE" => {
                let new = req
                    .account_ids
                    .iter()
                    .filter(|a| !image.shares.contains_key(*a))
                    .count();
                if image.shares.len() + new > quota {
                    return Err(MockError::code(
                        CvmCode::OverQuota,
                        format!("An image can be shared with at most {quota} accounts."),
                    ));
                }
                for account in &req.account_ids {
                    image
                        .shares
                        .entry(account.clone())
                        .or_insert_with(|| now.clone());
                }
            }
            "CANCEL" => {
                for account in &req.account_ids {
                    image.shares.remove(account);
                }
            }
            other => {
                return Err(MockError::new(
                    "InvalidParameterValue",
                    format!("Permission must be SHARE or CANCEL, not `{other}`."),
                ));
            }
        }
        Ok(Done {})
    }

    fn describe_images(&self, req: &DescribeImages) -> Result<DescribeImagesResponse, MockError> {
        let state = self.lock();
        let mut selected: Vec<(&String, &ImageRecord)> = match &req.image_ids {
            Some(ids) => {
                for id in ids {
                    check_image_id(id)?;
                }
                state
                    .images
                    .iter()
                    .filter(|(id, _)| ids.contains(id))
                    .collect()
            }
            None => state.images.iter().collect(),
        };
        let total = selected.len();
        let offset = usize::try_from(req.offset.unwrap_or(0)).unwrap_or(usize::MAX);
        let limit = usize::try_from(req.limit.unwrap_or(20)).unwrap_or(usize::MAX);
        selected = selected.into_iter().skip(offset).take(limit).collect();
        Ok(DescribeImagesResponse {
            image_set: selected
                .into_iter()
                .map(|(id, record)| Image {
                    image_id: id.clone(),
                    image_name: record.name.clone(),
                    os_name: record.os_name.clone(),
                    created_time: record.created_time.clone(),
                    image_type: "PRIVATE_IMAGE".to_owned(),
                    image_state: "NORMAL".to_owned(),
                    image_source: "CREATE_IMAGE".to_owned(),
                    image_creator: state.owner_account.clone(),
                    architecture: "x86_64".to_owned(),
                    platform: "TencentOS".to_owned(),
                    image_size: 50,
                })
                .collect(),
            total_count: i64::try_from(total).unwrap_or(i64::MAX),
        })
    }
}

impl State {
    fn image(&self, id: &str) -> Result<&ImageRecord, MockError> {
        check_image_id(id)?;
        self.images.get(id).ok_or_else(|| not_found(id))
    }

    fn image_mut(&mut self, id: &str) -> Result<&mut ImageRecord, MockError> {
        check_image_id(id)?;
        self.images.get_mut(id).ok_or_else(|| not_found(id))
    }
}

fn not_found(id: &str) -> MockError {
    MockError::code(
        CvmCode::InvalidImageIdNotFound,
        format!("The image `{id}` does not exist."),
    )
}

/// Image ids are `img-` followed by 8 lowercase letters or digits.
fn check_image_id(id: &str) -> Result<(), MockError> {
    let well_formed = id.strip_prefix("img-").is_some_and(|rest| {
        rest.len() == 8
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if well_formed {
        Ok(())
    } else {
        Err(MockError::code(
            CvmCode::InvalidImageIdMalformed,
            format!(
                "The image id `{id}` is malformed: expected `img-` and 8 lowercase letters or digits."
            ),
        ))
    }
}

# A fixture of tc-codegen's import tests, shaped like the SDK's clients.
from tencentcloud.common.abstract_client import AbstractClient


class DemoClient(AbstractClient):
    _apiVersion = '2020-01-01'
    _endpoint = 'dm.tencentcloudapi.com'
    _service = 'dm'

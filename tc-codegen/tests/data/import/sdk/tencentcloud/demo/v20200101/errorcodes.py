# -*- coding: utf8 -*-
# A fixture of tc-codegen's import tests, shaped like the SDK's files.


# PROSE: the operation failed.
FAILEDOPERATION = 'FailedOperation'

# PROSE
RESOURCENOTFOUND_WIDGET = 'ResourceNotFound.Widget'

# PROSE
INVALIDPARAMETER = 'InvalidParameter'

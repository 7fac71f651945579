from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportErrorCode(models.TextChoices):
    UNKNOWN_KIND = "import_unknown_kind", _("Choose what the file contains.")
    UNIT_INACTIVE = (
        "import_unit_inactive",
        _("This unit has been dissolved; data cannot be imported for it."),
    )
    FILE_EMPTY = "import_file_empty", _("The file is empty. Choose the filled-in file.")
    FILE_TOO_LARGE = "import_file_too_large", _("The file is too large to import.")
    FILE_NOT_XLSX = (
        "import_file_not_xlsx",
        _(
            "This file is not an Excel workbook (.xlsx). Open it in Excel, save it as “Excel "
            "Workbook (.xlsx)” and upload that file."
        ),
    )

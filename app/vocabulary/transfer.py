"""Words for transfers to the designated hospital (app/transfer/vocab.py)."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

TRANSFER_STATE: Mapping[str, Words] = {
    "requested": Words("已申请(待派车)", "Requested"),
    "dispatched": Words("已派车(待出发)", "Ambulance dispatched"),
    "departed": Words("转运途中", "On the way to the hospital"),
    "handed_over": Words("已交接(待车辆消毒)", "Handed over"),
    "closed": Words("已完成", "Closed"),
    "cancelled": Words("已取消", "Cancelled"),
}

CONDITION: Mapping[str, Words] = {
    "stable": Words("一般", "Stable"),
    "serious": Words("病重", "Serious"),
    "critical": Words("病危", "Critical"),
}

HOSPITAL_KIND: Mapping[str, Words] = {
    "designated": Words("定点医院", "Designated hospital"),
    "backup": Words("后备定点医院", "Backup hospital"),
    "fever_clinic": Words("定点发热门诊", "Designated fever clinic"),
}

TRANSFER_STEP: Mapping[str, Words] = {
    "dispatched": Words("登记 120 派车", "Record the 120 dispatch"),
    "departed": Words("登记出发", "Record the departure"),
    "handed_over": Words("登记到院交接", "Record the handover at the hospital"),
    "closed": Words("登记车辆终末消毒", "Record terminal disinfection of the vehicle"),
    "cancelled": Words("取消转运", "Cancel the transfer"),
}
#: How a handover came to be recorded (``TransferRecord.handover_source``).
HANDOVER_SOURCE: Mapping[str, Words] = {
    "entered": Words("人工录入", "Entered by hand"),
    "receipt": Words("扫描接收医院回执", "Receiving hospital's receipt scanned"),
}

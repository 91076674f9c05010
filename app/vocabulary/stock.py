"""Words for the stockpile (app/stock, issue 18): the default items, units, moves, cover states, audited
actions, refusals and the rule's figure."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

#: The default items (app/stock/vocab.py DEFAULT_ITEMS); an item the admin added is shown by its own name.
STOCK_ITEM: Mapping[str, Words] = {
    "mask_n95": Words("医用防护口罩（N95/KN95）", "Respirator masks (N95/KN95)"),
    "mask_surgical": Words("医用外科口罩", "Surgical masks"),
    "mask_disposable": Words("一次性使用医用口罩", "Disposable medical masks"),
    "protective_suit": Words("医用防护服", "Protective suits"),
    "isolation_gown": Words("隔离衣", "Isolation gowns"),
    "goggles": Words("护目镜", "Goggles"),
    "face_shield": Words("防护面屏", "Face shields"),
    "gloves": Words("医用检查手套", "Examination gloves"),
    "disinfectant": Words("含氯消毒剂", "Chlorine disinfectant"),
    "hand_sanitiser": Words("速干手消毒剂", "Hand sanitiser"),
    "sampling_kit": Words("核酸采样套装", "Nucleic-acid sampling kits"),
    "antigen_kit": Words("抗原检测试剂", "Antigen test kits"),
    "antipyretic": Words("退热药", "Fever reducers"),
}

STOCK_UNIT: Mapping[str, Words] = {
    "piece": Words("个", "pieces"),
    "set": Words("套", "sets"),
    "pair": Words("副", "pairs"),
    "box": Words("盒", "boxes"),
    "bottle": Words("瓶", "bottles"),
    "test": Words("人份", "tests"),
}

MOVE_KIND: Mapping[str, Words] = {
    "receipt": Words("入库", "Receipt"),
    "issue": Words("出库", "Issue"),
}

COVER_STATE: Mapping[str, Words] = {
    "enough": Words("储备充足", "Enough"),
    "short": Words("储备不足", "Short"),
    "unknown": Words("未设满负荷日用量", "Full-load daily use not set"),
}

ACTION: Mapping[str, Words] = {
    "stock.item_add": Words("新增储备物资品种", "Stock item added"),
    "stock.item_update": Words("修改储备物资品种", "Stock item changed"),
    "stock.receive": Words("物资入库", "Stock received"),
    "stock.issue": Words("物资出库", "Stock issued"),
}

ENTITY: Mapping[str, Words] = {
    "stock_item": Words("储备物资", "Stock item"),
}

ERRORS: Mapping[str, Words] = {
    "stock_negative": Words(
        zh="库存不能为负：{item} 现有 {on_hand}，不能出库 {quantity}。请核对数量，或先登记入库。",
        en="Stock can never go below zero: {item} has {on_hand}, so {quantity} cannot be issued. Check the quantity, "
           "or record the receipt first."),
    "stock_quantity": Words(
        zh="数量须为 1 至 {maximum} 之间的整数：请改正数量。",
        en="The quantity is a whole number from 1 to {maximum}: correct it."),
    "stock_daily_use": Words(
        zh="满负荷日用量须为 0 至 {maximum} 之间的整数（0 表示未设）：请改正。",
        en="The full-load daily use is a whole number from 0 to {maximum} (0: not set): correct it."),
    "stock_item_name": Words(
        zh="请填写物资名称（1 至 {maximum} 个字）。", en="Enter the item's name (1 to {maximum} characters)."),
    "stock_item_exists": Words(
        zh="已有名为“{name}”的物资：请换一个名称，或修改已有的那一项。",
        en="An item named \"{name}\" exists already: choose another name, or change that item."),
    "stock_unit": Words(
        zh="单位须从列表中选择：请选择单位。", en="Choose the unit from the list."),
}

MISSING: Mapping[str, Words] = {
    "stock_item": Words(zh="该物资已不存在，请刷新列表。", en="This stock item no longer exists: reload the list."),
}

RULE: Mapping[str, Words] = {
    "clinic.stockpile": Words(
        "防护用品、消杀用品、采样和检测试剂、退热药等物资储备满足下列天数的满负荷运转需求；可用天数 = 库存 ÷ 满负荷日用量，"
        "低于该天数即提示补充。库存不得为负。",
        "Protective equipment, disinfectants, sampling and test kits, fever reducers and other supplies cover the "
        "days below at full load; days of cover = stock ÷ full-load daily use, and an item below them is flagged "
        "for restocking. Stock never goes below zero."),
}

FIGURE: Mapping[str, Words] = {
    "stock.figures:cover_days": Words("物资储备满负荷运转天数", "Stockpile covers at full load"),
}

OWN_ITEM = Words("本机构自设的物资", "an item the clinic added")


def item_number_text(number: int, language: str) -> str:
    """A report's ``stock_lowest_item`` (app/reporting/daily.py): a default item's place from 1, 0 for the
    clinic's own item."""
    from app.stock.vocab import DEFAULT_ITEMS

    if 1 <= number <= len(DEFAULT_ITEMS):
        return STOCK_ITEM[DEFAULT_ITEMS[number - 1][0]].say(language)
    return OWN_ITEM.say(language)

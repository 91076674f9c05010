"""Key-post staff testing and the stockpile (issue 18, parts 3 and 4).

The roster of key-post staff (an account or a person without a log-in), their nucleic-acid tests and the
environmental surface swabs; the stock items (seeded with a default list the admin may change) and their
receipts and issues, each move keeping the balance it left so a past day's stock is one index range.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

#: The default items as this revision seeds them (code, name, unit, shelf position): a copy, so a later change
#: of the words does not change what this revision wrote.
DEFAULT_ITEMS = (
    ("mask_n95", "医用防护口罩（N95/KN95）", "piece"),
    ("mask_surgical", "医用外科口罩", "piece"),
    ("mask_disposable", "一次性使用医用口罩", "piece"),
    ("protective_suit", "医用防护服", "set"),
    ("isolation_gown", "隔离衣", "piece"),
    ("goggles", "护目镜", "pair"),
    ("face_shield", "防护面屏", "piece"),
    ("gloves", "医用检查手套", "pair"),
    ("disinfectant", "含氯消毒剂", "bottle"),
    ("hand_sanitiser", "速干手消毒剂", "bottle"),
    ("sampling_kit", "核酸采样套装", "set"),
    ("antigen_kit", "抗原检测试剂", "test"),
    ("antipyretic", "退热药", "box"),
)


def upgrade() -> None:
    op.create_table(
        "staff_members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True, unique=True),
        sa.Column("full_name", sa.String(64), nullable=False),
        sa.Column("post", sa.String(24), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("added_on", sa.Date, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "staff_tests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff_members.id"), nullable=False, index=True),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "env_swabs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )
    items = op.create_table(
        "stock_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(32), nullable=True, unique=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("on_hand", sa.Integer, nullable=False, server_default="0"),
        sa.Column("daily_use", sa.Integer, nullable=False, server_default="0"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "stock_moves",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("stock_items.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("balance_after", sa.Integer, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("note", sa.String(200), nullable=False, server_default=""),
    )
    op.create_index("ix_stock_moves_item_at", "stock_moves", ["item_id", "at"])
    op.bulk_insert(items, [{"code": code, "name": name, "unit": unit, "on_hand": 0, "daily_use": 0, "active": True,
                            "position": n, "version": 1} for n, (code, name, unit) in enumerate(DEFAULT_ITEMS)])


def downgrade() -> None:
    op.drop_index("ix_stock_moves_item_at", table_name="stock_moves")
    op.drop_table("stock_moves")
    op.drop_table("stock_items")
    op.drop_table("env_swabs")
    op.drop_table("staff_tests")
    op.drop_table("staff_members")

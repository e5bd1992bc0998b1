"""评查 → 乡镇赋权事项清单: the lists in force and importing the province's.

A 乡镇（街道） punishes only in the matters its province handed down (《行政处罚法》第二十四条);
the pre-check of a 乡镇's dossier compares the decision's basis with this list. The dialog
only shows and imports: the service (``Services.town_powers``) checks the file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from app.ui.parts import ask_open_file, push_button
from app.ui.qt import QtWidgets
from app.ui.work_windows import Opener, WorkDialog

if TYPE_CHECKING:
    from app.services import Services

YAML_FILTER = "赋权事项清单 (*.yaml *.yml);;所有文件 (*)"
NONE_YET = "尚未导入赋权事项清单：乡镇（街道）案卷的执法主体预检不作判断。"


class TownPowersDialog(WorkDialog):
    def __init__(self, services: Services, **opener: Unpack[Opener]) -> None:
        super().__init__("乡镇（街道）赋权事项清单", (820, 520), **opener)
        self.services = services
        self.note = QtWidgets.QLabel()
        self.note.setWordWrap(True)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["清单 / 事项", "依据 / 适用范围"])
        self.tree.setColumnWidth(0, 380)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(
            push_button("导入清单(&I)…", self.import_list, "导入本省公布的赋权事项清单")
        )
        buttons.addStretch(1)
        buttons.addWidget(push_button("关闭", self.accept))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        lists = self.services.town_powers.show()
        self.tree.clear()
        self.note.setText(
            "乡镇人民政府、街道办事处只能在省级人民政府决定交由其行使的事项内实施行政处罚"
            "（《行政处罚法》第二十四条）；预检将乡镇案卷的处罚依据与下列清单比对。"
            if lists
            else NONE_YET
        )
        for pl in lists:
            scope = "、".join(pl["organs"]) or "全部乡镇（街道）"
            top = QtWidgets.QTreeWidgetItem([pl["name"], f"适用：{scope}；{pl['source']}"])
            for m in pl["matters"]:
                top.addChild(QtWidgets.QTreeWidgetItem([m["matter"], m["basis"]]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

    def import_list(self) -> None:
        path = ask_open_file(self, "导入赋权事项清单", YAML_FILTER)
        if path is None:
            return
        service = self.services.town_powers
        self.tasks.run_op(
            self,
            lambda: service.import_file(path),
            lambda _result: self.reload(),
            title="无法导入赋权事项清单",
        )

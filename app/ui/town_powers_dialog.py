"""评查 → 乡镇赋权事项清单: the lists in force and importing the province's.

A 乡镇（街道） punishes only in the matters its province handed down (《行政处罚法》第二十四条);
the pre-check of a 乡镇's dossier compares the decision's basis with this list. The dialog
only shows and imports: the service (``Services.town_powers``) checks the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.ui.qt import QtWidgets
from app.ui.register_dialog import Register, RegisterDialog

YAML_FILTER = "赋权事项清单 (*.yaml *.yml);;所有文件 (*)"
NONE_YET = "尚未导入赋权事项清单：乡镇（街道）案卷的执法主体预检不作判断。"


class TownPowersDialog(RegisterDialog):
    register = Register(
        noun="赋权事项清单",
        short="清单",
        tip="导入本省公布的赋权事项清单",
        title="乡镇（街道）赋权事项清单",
        file_filter=YAML_FILTER,
    )

    def make_view(self) -> QtWidgets.QWidget:
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["清单 / 事项", "依据 / 适用范围"])
        self.tree.setColumnWidth(0, 380)
        return self.tree

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

    def reader(self, path: Path) -> Callable[[], object]:
        service = self.services.town_powers
        return lambda: service.import_file(path)
